import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'ringkit/styles.css';
import './demo.css';
import { App } from './app.js';
import { readSettings } from './settings.js';

const root = document.getElementById('root');
if (!root) throw new Error('demo/index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App settings={readSettings(location.search)} />
  </StrictMode>,
);

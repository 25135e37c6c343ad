/** Stylesheets imported for their side effect in the Storybook preview. */
declare module '*.css';

import { useState } from 'react';
import { createRingClient, type RingClient } from 'ringkit/core';
import { Phone } from './phone.js';
import type { DemoSettings, Language } from './settings.js';
import { SignIn } from './sign-in.js';
import { textFor } from './text.js';

interface Session {
  user: string;
  client: RingClient;
}

function startSession(user: string, serverUrl: string): Session {
  return { user, client: createRingClient({ url: serverUrl, user }) };
}

function rememberUserInUrl(user: string | undefined): void {
  const url = new URL(location.href);
  if (user) url.searchParams.set('user', user);
  else url.searchParams.delete('user');
  history.replaceState(null, '', url);
}

/**
 * The demo: a sign-in screen (dev mode: any name), then the phone of that user.
 *
 * @example
 * ```tsx
 * <App settings={readSettings(location.search)} />
 * ```
 */
export function App({ settings }: { settings: DemoSettings }) {
  const [language, setLanguage] = useState<Language>(settings.language);
  const [session, setSession] = useState<Session | null>(() =>
    settings.user ? startSession(settings.user, settings.serverUrl) : null,
  );
  const text = textFor(language);

  const signIn = (user: string) => {
    rememberUserInUrl(user);
    setSession(startSession(user, settings.serverUrl));
  };
  const signOut = () => {
    void session?.client.disconnect();
    rememberUserInUrl(undefined);
    setSession(null);
  };

  return (
    <div className="demo" lang={language}>
      {settings.problems.map((problem) => (
        <p key={problem} className="demo__problem" role="alert">
          {problem}
        </p>
      ))}
      {session ? (
        <Phone
          key={session.user}
          user={session.user}
          client={session.client}
          contacts={settings.contacts}
          language={language}
          onLanguageChange={setLanguage}
          onSignOut={signOut}
        />
      ) : (
        <SignIn text={text} language={language} onLanguageChange={setLanguage} onSignIn={signIn} />
      )}
    </div>
  );
}

import { CallFeedback, CallView, IncomingCallModal, RingProvider, useCall, useCloseProtection, usePresence, type RingClient } from 'ringkit';
import { CallHistory } from './call-history.js';
import { PushSwitch } from './push-switch.js';
import { SetupCheck } from './setup-check.js';
import { CallState } from './call-state.js';
import { Contacts } from './contacts.js';
import { LanguageSelect } from './language-select.js';
import { displayNameOf, type Language } from './settings.js';
import { textFor, type DemoText } from './text.js';

/** Background images served by the demo itself (`demo/public/backgrounds`), named in the page's language. */
function backgroundsFor(text: DemoText) {
  return [
    { label: text.backgrounds.sunset, url: '/backgrounds/sunset.svg' },
    { label: text.backgrounds.shelves, url: '/backgrounds/shelves.svg' },
  ];
}

const getUser = (user: string) => ({ name: displayNameOf(user) });

function DoNotDisturb({ text }: { text: DemoText }) {
  const { status, setStatus, connection } = usePresence();
  return (
    <label className="demo__field">
      <input
        type="checkbox"
        checked={status === 'do-not-disturb'}
        disabled={connection !== 'connected'}
        onChange={(event) => void setStatus(event.target.checked ? 'do-not-disturb' : 'available').catch(() => undefined)}
      />
      {text.doNotDisturb}
    </label>
  );
}

/** Asks before the tab is closed or reloaded during a call (see the README, "Leave-page warning"). */
function CloseProtection() {
  useCloseProtection();
  return null;
}

function LeaveGroupCall({ text }: { text: DemoText }) {
  const { call, inCall, leave } = useCall();
  if (!inCall || !call || call.peers.length < 2) return null;
  return (
    <button type="button" className="rk-button demo__leave" onClick={() => void leave().catch(() => undefined)}>
      {text.leaveCall}
    </button>
  );
}

function Header({
  user,
  text,
  language,
  onLanguageChange,
  onSignOut,
}: {
  user: string;
  text: DemoText;
  language: Language;
  onLanguageChange: (language: Language) => void;
  onSignOut: () => void;
}) {
  const { connection } = usePresence();
  return (
    <header className="demo__header">
      <h1>{text.title}</h1>
      <p>
        {text.signedInAs} <strong>{displayNameOf(user)}</strong>{' '}
        <span className="demo__connection" data-connection={connection}>
          {text.connection[connection]}
        </span>
      </p>
      <DoNotDisturb text={text} />
      <PushSwitch text={text} />
      <LanguageSelect text={text} language={language} onChange={onLanguageChange} />
      <button type="button" className="rk-button" onClick={onSignOut}>
        {text.signOut}
      </button>
    </header>
  );
}

/**
 * One signed-in user's phone: contacts with presence and call buttons, the call view,
 * the incoming call modal (with Ignore and quick replies), the rating prompt after a call,
 * do-not-disturb and the call history.
 *
 * @example
 * ```tsx
 * <Phone user="alice" client={client} language="en" onLanguageChange={set} onSignOut={signOut} />
 * ```
 */
export function Phone({
  user,
  client,
  contacts,
  language,
  onLanguageChange,
  onSignOut,
}: {
  user: string;
  client: RingClient;
  /** The contact list to start with (default: alice, bob and carol). */
  contacts: string[] | undefined;
  language: Language;
  onLanguageChange: (language: Language) => void;
  onSignOut: () => void;
}) {
  const text = textFor(language);
  return (
    <RingProvider client={client} locale={language}>
      <Header user={user} text={text} language={language} onLanguageChange={onLanguageChange} onSignOut={onSignOut} />
      <main className="demo__main">
        <div>
          <Contacts self={user} initial={contacts} text={text} getUser={getUser} />
          <SetupCheck text={text} />
        </div>
        <div className="demo__call">
          <CallView getUser={getUser} fit="cover" pictureInPicture={{ auto: true }} backgrounds={backgroundsFor(text)} />
          <LeaveGroupCall text={text} />
          <CallState />
          <CallFeedback />
        </div>
        <CallHistory text={text} />
      </main>
      <IncomingCallModal getUser={getUser} />
      <CloseProtection />
    </RingProvider>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import { CallButton, useRingClient, type UserLookup } from 'ringkit';
import { DEFAULT_CONTACTS, displayNameOf, userNameProblem, type Language } from './settings.js';
import type { DemoText } from './text.js';
import { useClientSnapshot } from './use-client-snapshot.js';

function AddContact({ text, onAdd }: { text: DemoText; onAdd: (user: string) => void }) {
  const [name, setName] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const user = name.trim().toLowerCase();
    if (userNameProblem(user)) return;
    onAdd(user);
    setName('');
  };
  return (
    <form onSubmit={submit} className="demo__add-contact">
      <label className="demo__field">
        {text.addContact}
        <input value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      <button type="submit" className="rk-button">
        {text.add}
      </button>
    </form>
  );
}

/**
 * The contact list: presence, audio and video call buttons, "add to call" during a call,
 * and a group video call with everyone.
 *
 * @example
 * ```tsx
 * <Contacts self="alice" initial={['bob', 'carol']} text={text} language="en" getUser={getUser} />
 * ```
 */
export function Contacts({
  self,
  initial = [...DEFAULT_CONTACTS],
  text,
  language,
  getUser,
}: {
  self: string;
  /** The contacts to start with. */
  initial?: readonly string[];
  text: DemoText;
  language: Language;
  getUser: UserLookup;
}) {
  const client = useRingClient();
  const { connection, watched, call } = useClientSnapshot();
  const [contacts, setContacts] = useState<string[]>(() => initial.filter((user) => user !== self));
  const contactKey = contacts.join('\n');

  useEffect(() => {
    if (connection !== 'connected') return;
    client.watch(contactKey.split('\n')).catch(() => undefined);
  }, [client, connection, contactKey]);

  const inCall = call !== null && call.status !== 'ended';
  const addable = (user: string) => inCall && call?.status === 'active' && !call.peers.includes(user);

  return (
    <section className="demo__contacts" aria-label={text.contacts}>
      <h2>{text.contacts}</h2>
      <ul>
        {contacts.map((user) => {
          const presence = watched[user] ?? 'offline';
          return (
            <li key={user} className="demo__contact" data-contact={user} data-presence={presence}>
              <span className="demo__contact-name">{displayNameOf(user)}</span>
              <span className="demo__presence" data-presence={presence}>
                {text.presence[presence]}
              </span>
              <CallButton to={user} locale={language} getUser={getUser} />
              <CallButton to={user} video locale={language} getUser={getUser} />
              {addable(user) ? (
                <button type="button" className="rk-button" onClick={() => void client.add([user]).catch(() => undefined)}>
                  {text.addToCall}: {displayNameOf(user)}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {contacts.length > 1 ? (
        <p className="demo__group">
          {text.groupCall}: <CallButton to={contacts} video locale={language} getUser={getUser} />
        </p>
      ) : null}
      <AddContact text={text} onAdd={(user) => setContacts((list) => (list.includes(user) || user === self ? list : [...list, user]))} />
    </section>
  );
}

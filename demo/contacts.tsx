import { useState, type FormEvent } from 'react';
import { CallButton, useCall, usePresence, type UserLookup } from 'ringkit';
import { DEFAULT_CONTACTS, displayNameOf, userNameProblem } from './settings.js';
import type { DemoText } from './text.js';

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
 * <Contacts self="alice" initial={['bob', 'carol']} text={text} getUser={getUser} />
 * ```
 */
export function Contacts({
  self,
  initial = [...DEFAULT_CONTACTS],
  text,
  getUser,
}: {
  self: string;
  /** The contacts to start with. */
  initial?: readonly string[];
  text: DemoText;
  getUser: UserLookup;
}) {
  const [contacts, setContacts] = useState<string[]>(() => initial.filter((user) => user !== self));
  const { users } = usePresence({ watch: contacts });
  const { call, status, add } = useCall();
  const addable = (user: string) => status === 'active' && call !== null && !call.peers.includes(user);

  return (
    <section className="demo__contacts" aria-label={text.contacts}>
      <h2>{text.contacts}</h2>
      <ul>
        {contacts.map((user) => {
          const presence = users[user] ?? 'offline';
          return (
            <li key={user} className="demo__contact" data-contact={user} data-presence={presence}>
              <span className="demo__contact-name">{displayNameOf(user)}</span>
              <span className="demo__presence" data-presence={presence}>
                {text.presence[presence]}
              </span>
              <span className="demo__contact-actions">
                <CallButton to={user} getUser={getUser} />
                <CallButton to={user} video getUser={getUser} />
              </span>
              {addable(user) ? (
                <button type="button" className="rk-button" onClick={() => void add([user]).catch(() => undefined)}>
                  {text.addToCall}: {displayNameOf(user)}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {contacts.length > 1 ? (
        <p className="demo__group">
          {text.groupCall}: <CallButton to={contacts} video getUser={getUser} />
        </p>
      ) : null}
      <AddContact text={text} onAdd={(user) => setContacts((list) => (list.includes(user) || user === self ? list : [...list, user]))} />
    </section>
  );
}

import { useId, useState, type FormEvent } from 'react';
import { LanguageSelect } from './language-select.js';
import { userNameProblem, type Language } from './settings.js';
import type { DemoText } from './text.js';

/**
 * Dev-mode sign-in: any name that is a valid user id.
 *
 * @example
 * ```tsx
 * <SignIn text={text} language="en" onLanguageChange={setLanguage} onSignIn={(user) => start(user)} />
 * ```
 */
export function SignIn({
  text,
  language,
  onLanguageChange,
  onSignIn,
}: {
  text: DemoText;
  language: Language;
  onLanguageChange: (language: Language) => void;
  onSignIn: (user: string) => void;
}) {
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const problemId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const user = name.trim().toLowerCase();
    const found = userNameProblem(user);
    setProblem(found);
    if (!found) onSignIn(user);
  };
  return (
    <main className="demo__sign-in">
      <h1>{text.title}</h1>
      <form onSubmit={submit} aria-label={text.signInHeading}>
        <h2>{text.signInHeading}</h2>
        <label className="demo__field">
          {text.yourName}
          <input
            value={name}
            onChange={(event) => setName(event.target.value)}
            autoComplete="username"
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? problemId : undefined}
          />
        </label>
        {problem ? (
          <p id={problemId} className="demo__problem">
            {problem}
          </p>
        ) : null}
        <button type="submit" className="rk-button">
          {text.signIn}
        </button>
      </form>
      <LanguageSelect text={text} language={language} onChange={onLanguageChange} />
    </main>
  );
}

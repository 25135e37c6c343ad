import { LANGUAGES, type Language } from './settings.js';
import type { DemoText } from './text.js';

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '中文' };

/**
 * English / Chinese switch.
 *
 * @example
 * ```tsx
 * <LanguageSelect text={text} language="en" onChange={setLanguage} />
 * ```
 */
export function LanguageSelect({
  text,
  language,
  onChange,
}: {
  text: DemoText;
  language: Language;
  onChange: (language: Language) => void;
}) {
  return (
    <label className="demo__field">
      {text.language}
      <select
        value={language}
        onChange={(event) => onChange(LANGUAGES.find((candidate) => candidate === event.target.value) ?? 'en')}
      >
        {LANGUAGES.map((candidate) => (
          <option key={candidate} value={candidate}>
            {LANGUAGE_NAMES[candidate]}
          </option>
        ))}
      </select>
    </label>
  );
}

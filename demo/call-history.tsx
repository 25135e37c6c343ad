import { useCallHistory } from 'ringkit';
import { displayNameOf } from './settings.js';
import type { DemoText } from './text.js';

function formatSeconds(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * The user's call history from the server (refreshed after every call), with missed calls marked.
 *
 * @example
 * ```tsx
 * <CallHistory text={text} />
 * ```
 */
export function CallHistory({ text }: { text: DemoText }) {
  const { history, missed } = useCallHistory({ limit: 20 });
  return (
    <section className="demo__history" aria-label={text.history}>
      <h2>
        {text.history}
        {missed.length > 0 ? (
          <span className="demo__badge" aria-label={`${text.missedCalls}: ${missed.length}`}>
            {missed.length}
          </span>
        ) : null}
      </h2>
      {history.length === 0 ? <p>{text.noHistory}</p> : null}
      <ol>
        {history.map((entry) => (
          <li
            key={entry.callId}
            data-call-id={entry.callId}
            data-reason={entry.reason}
            data-missed={String(entry.missed)}
            className={entry.missed ? 'demo__history-missed' : undefined}
          >
            {entry.missed ? `${text.missed} · ` : ''}
            {entry.direction === 'incoming' ? text.incoming : text.outgoing} ·{' '}
            {entry.peers.map(displayNameOf).join(', ')} · {entry.media === 'video' ? text.video : text.audio} ·{' '}
            {entry.reason}
            {entry.detail !== undefined ? ` “${entry.detail}”` : ''}
            {entry.answeredAt !== undefined ? ` · ${formatSeconds(entry.durationMs)}` : ''}
            {entry.rating ? <span aria-label={`${entry.rating.score}/5`}> · {'★'.repeat(entry.rating.score)}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

'use client';
/**
 * The incoming-call dialog's secondary actions: Ignore, and quick replies
 * (decline with words the caller sees) behind a disclosure button.
 *
 * @packageDocumentation
 */
import { useId, useState } from 'react';
import type { IncomingCallModalBag } from '../use-incoming-call-modal.js';

/**
 * Ignore, and the quick replies of the shown call (the list opens from "Reply with a message").
 *
 * @internal
 * @example
 * ```tsx
 * <IncomingQuickReplies key={call.callId} bag={bag} />
 * ```
 */
export function IncomingQuickReplies({ bag }: { bag: Pick<IncomingCallModalBag, 'ignoreProps' | 'quickReplies' | 'replyProps' | 'messages'> }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const { messages, quickReplies } = bag;
  return (
    <div className="rk-incoming__more">
      <button {...bag.ignoreProps} className="rk-button rk-button--ignore">
        {messages.ignore}
      </button>
      {quickReplies.length ? (
        <>
          <button
            type="button"
            className="rk-button rk-button--replies"
            aria-expanded={open}
            aria-controls={listId}
            onClick={() => setOpen((value) => !value)}
          >
            {messages.replyWithMessage}
          </button>
          <ul id={listId} className="rk-incoming__replies" aria-label={messages.replyWithMessage} hidden={!open}>
            {quickReplies.map((reply) => (
              <li key={reply}>
                <button {...bag.replyProps(reply)} className="rk-button rk-button--reply">
                  {reply}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

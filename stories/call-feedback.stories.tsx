import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { CallFeedback } from '../src/react/components/call-feedback.js';
import { answered, loadScene, sceneOf, SceneScope } from './support/scene.js';
import { Phone, until } from './support/world.js';

/** Alice called Bob, they talked, Bob hung up: Alice's call has ended. */
const callEnded = loadScene(async (world) => {
  const alice = await world.client('alice');
  const bob = await world.client('bob');
  await answered(alice, bob);
  await bob.hangup();
  await until(alice, (s) => s.call?.status === 'ended');
  return { alice, bob };
});

const meta = {
  title: 'Components/CallFeedback',
  component: CallFeedback,
  args: { onSubmitted: fn(), onSkip: fn() },
  loaders: [callEnded],
  render: (args, { loaded }) => {
    const scene = sceneOf(loaded);
    return (
      <SceneScope scene={scene}>
        <Phone client={scene.client('alice')} label="Alice">
          <CallFeedback {...args} />
        </Phone>
      </SceneScope>
    );
  },
} satisfies Meta<typeof CallFeedback>;

export default meta;
type Story = StoryObj<typeof meta>;

const prompt = (canvasElement: HTMLElement, name = 'How was the call?') =>
  within(canvasElement).findByRole('form', { name }, { timeout: 5000 });

/** The prompt after a call: nothing chosen yet, Send disabled. */
export const Prompt: Story = {
  play: async ({ canvasElement }) => {
    const form = await prompt(canvasElement);
    await expect(within(form).getByRole('button', { name: 'Send' })).toBeDisabled();
    await expect(within(form).getAllByRole('radio')).toHaveLength(5);
    await expect(within(form).queryByRole('group', { name: 'What went wrong?' })).toBeNull();
  },
};

/** Two stars with the keyboard, two issues, a comment, Send: stored in Alice's history on the server; thanks. */
export const RatedWithIssues: Story = {
  play: async ({ canvasElement, loaded, args }) => {
    const form = await prompt(canvasElement);
    within(form).getByRole('radio', { name: '1 of 5' }).focus();
    await userEvent.keyboard('{ArrowRight}');
    await expect(within(form).getByRole('radio', { name: '2 of 5' })).toBeChecked();
    const issues = within(form).getByRole('group', { name: 'What went wrong?' });
    await userEvent.click(within(issues).getByRole('checkbox', { name: 'Echo' }));
    await userEvent.click(within(issues).getByRole('checkbox', { name: 'Frozen video' }));
    await userEvent.type(within(form).getByRole('textbox', { name: 'Anything else? (optional)' }), 'Bob heard himself');
    await userEvent.click(within(form).getByRole('button', { name: 'Send' }));
    await expect(await within(canvasElement).findByRole('status', {}, { timeout: 5000 })).toHaveTextContent('Thanks for your feedback.');
    await expect(args.onSubmitted).toHaveBeenCalledWith({ score: 2, issues: ['echo', 'frozen-video'], comment: 'Bob heard himself' });
    const alice = sceneOf(loaded).client('alice');
    const [entry] = await alice.history(1);
    await expect(entry?.rating).toMatchObject({ score: 2, issues: ['echo', 'frozen-video'], comment: 'Bob heard himself' });
  },
};

/** Skip: the prompt goes away. */
export const Skipped: Story = {
  play: async ({ canvasElement, args }) => {
    const form = await prompt(canvasElement);
    await userEvent.click(within(form).getByRole('button', { name: 'Skip' }));
    await waitFor(() => expect(form).not.toBeInTheDocument());
    await expect(args.onSkip).toHaveBeenCalled();
  },
};

/** A call that is not in this user's history: the server answers not-found and the prompt says it failed. */
export const Failed: Story = {
  args: { callId: 'not-in-my-history' },
  play: async ({ canvasElement }) => {
    const form = await prompt(canvasElement);
    await userEvent.click(within(form).getByRole('radio', { name: '3 of 5' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Send' }));
    await expect(await within(form).findByRole('alert', {}, { timeout: 5000 })).toHaveTextContent('Your rating could not be sent. Try again.');
    await expect(within(form).getByRole('button', { name: 'Send' })).toBeEnabled();
  },
};

/** 简体中文. */
export const Chinese: Story = {
  args: { locale: 'zh-CN' },
  play: async ({ canvasElement }) => {
    const form = await prompt(canvasElement, '通话质量如何？');
    await userEvent.click(within(form).getByRole('radio', { name: '4 星（共 5 星）' }));
    await expect(within(form).getByRole('checkbox', { name: '画面卡住' })).toBeInTheDocument();
  },
};

import { ConversationStatus } from '@backtalk/contracts';
import { formatPhone } from '@backtalk/phone';
import { expect, test, type Page } from '@playwright/test';
import { DEMO } from '../e2e-environment';
import { agentPage, closeDesks, docsSnapshot, expectLive, snapshot, thread } from './support/console';
import { conversationWith } from './support/routing-world';
import { apiSignIn, call, createGenericChannel, customerTexts, FakeAggregator, uniquePhone, uniqueSender, type GenericChannel, type Session } from './support/sms-world';

// FAQ auto-replies end to end: an admin writes an FAQ with examples and a rule in the console, tries a paraphrase in
// the test bench, and a customer who asks in their own words gets the answer on their phone at once; the agent sees
// why in the thread, takes over, and teaches the FAQ the customer's next wording with one click.

const suffix = Date.now().toString(36).slice(-5);
const TEAM = 'Orders';
const FAQ_TITLE = 'Де моє замовлення';
const SHORTCODE = `zamovlennya-${suffix}`;
const RULE_NAME = `Order status FAQ ${suffix}`;
const BODY = 'Вітаємо {{contact.first_name}}, ваше замовлення вже в дорозі. Номер для відстеження ми надіслали в SMS після відправки.';
const SENT_BODY = 'Вітаємо, ваше замовлення вже в дорозі. Номер для відстеження ми надіслали в SMS після відправки.';
/** Varied on purpose: other wordings, transliteration, Russian and English, as customers really write. */
const EXAMPLES = [
  'Де моє замовлення?',
  'Коли приїде моя посилка?',
  'Який статус мого замовлення?',
  'Чи вже відправили моє замовлення?',
  'Скільки ще чекати на доставку?',
  'de moye zamovlennya',
  'Где мой заказ?',
  'Когда доставят заказ?',
  'Where is my order?',
  'Has my parcel been shipped yet?',
];

const toasts = (page: Page) => page.getByRole('status', { name: 'Notifications' });

/** A paraphrase nobody wrote down, in the test bench: the FAQ comes out on top, with the reply it would send. */
async function tryInBench(page: Page, channel: GenericChannel): Promise<void> {
  await page.getByLabel('Arrives on').selectOption({ label: channel.name });
  await page.getByRole('textbox', { name: "Customer's message" }).fill('Підкажіть, будь ласка, де зараз моє замовлення?');
  const result = page.getByTestId('bench-result');
  await expect(result.getByTestId('faq-score').first()).toContainText(FAQ_TITLE, { timeout: 10_000 });
  await expect(result).toContainText(`Would auto-reply with “${FAQ_TITLE}”`);
  await expect(result).toContainText(RULE_NAME);
  await expect(result.getByTestId('bench-reply')).toHaveText(SENT_BODY);
}

/**
 * A team of its own, so the FAQ (available to it alone) cannot answer other tests' customers through the seed's rule
 * that answers FAQs on every channel.
 */
async function ordersTeam(admin: Session): Promise<string> {
  const teams = await call<Array<{ id: string; name: string }>>('/api/teams', { token: admin.token });
  const existing = teams.find((team) => team.name === TEAM);
  if (existing) return existing.id;
  return (await call<{ id: string }>('/api/teams', { token: admin.token, body: { name: TEAM, description: 'Order status and delivery questions', memberIds: [admin.userId] } })).id;
}

test.describe('FAQ auto-replies', () => {
  let aggregator: FakeAggregator;
  let channel: GenericChannel;
  let admin: Session;

  test.beforeAll(async () => {
    aggregator = new FakeAggregator();
    const sendUrl = await aggregator.start();
    admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    channel = await createGenericChannel(admin, { teamId: await ordersTeam(admin), name: `Orders desk ${suffix}`, sender: uniqueSender(), sendUrl });
  });

  test.afterEach(closeDesks);

  test.afterAll(async () => {
    await aggregator.stop();
  });

  test('an admin sets up an FAQ and a rule, tries a paraphrase, and a customer asking in Ukrainian gets the auto-reply', async ({ browser }) => {
    test.setTimeout(150_000);
    const page = await agentPage(browser, DEMO.admin.email, DEMO.admin.password);

    // ── The FAQ: a canned answer with examples, allowed to auto-reply ──
    await page.goto('/settings/faqs');
    await expect(page.getByRole('heading', { name: 'FAQs & canned answers', level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'New answer' }).click();
    await page.getByLabel('Title').fill(FAQ_TITLE);
    await page.getByLabel('Shortcode').fill(SHORTCODE);
    await page.getByLabel('Available to').selectOption({ label: TEAM });
    await page.getByLabel('Answer text').fill(BODY);
    // A new answer starts as English; this one is written in Ukrainian.
    await page.getByLabel('Default language').selectOption('uk');
    await expect(page.getByTestId('answer-preview')).toHaveText(BODY.replace('{{contact.first_name}}', 'Iryna'));
    await expect(page.getByTestId('answer-sms-stats')).toContainText('Unicode');

    const newExample = page.getByRole('textbox', { name: 'New example question' });
    for (const example of EXAMPLES.slice(0, 3)) {
      await newExample.fill(example);
      await newExample.press('Enter');
    }
    // Three are not enough, and the editor says so.
    await expect(page.getByTestId('examples-advice')).toContainText('Ten varied examples work far better than three');
    // A list pasted at once becomes one example per line.
    await newExample.fill(EXAMPLES.slice(3).join('\n'));
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByRole('list', { name: 'Example questions' }).getByRole('listitem')).toHaveCount(EXAMPLES.length);
    await expect(page.getByTestId('examples-advice')).toHaveCount(0);
    await page.getByLabel('Keywords').fill('посилка, tracking,');
    await page.getByRole('checkbox', { name: /May auto-reply/ }).check();
    await docsSnapshot(page, 'settings-faq-editor', { height: 1640 });
    await page.getByRole('button', { name: 'Save answer' }).click();
    await expect(toasts(page)).toContainText(`“${FAQ_TITLE}” saved.`);
    await expect(page).toHaveURL(/\/settings\/faqs\/[0-9a-f-]{36}$/);
    await expect(page.getByText('All changes saved')).toBeVisible();

    await page.getByRole('link', { name: 'FAQs & canned answers' }).first().click();
    const row = page.getByRole('row').filter({ hasText: FAQ_TITLE });
    await expect(row).toContainText(`${EXAMPLES.length} examples`);
    await expect(row).toContainText('May auto-reply');
    await snapshot(page, 'settings-faqs');

    // ── The rule: on this channel, answer the FAQ when sure enough, then wait for the customer ──
    await page.getByRole('link', { name: 'Automation', exact: true }).click();
    await page.getByRole('link', { name: 'New rule' }).click();
    await page.getByLabel('Name', { exact: true }).fill(RULE_NAME);
    await page.getByRole('radiogroup', { name: 'Applies to' }).getByText('One channel').click();
    await page.getByLabel('Channel', { exact: true }).selectOption({ label: channel.name });
    const faqCondition = page.getByRole('listitem', { name: 'FAQ matches' });
    await faqCondition.getByRole('slider', { name: 'Confidence at least' }).fill('60');
    await expect(faqCondition.locator('output')).toHaveText('60%');
    const actions = page.getByRole('list', { name: 'Actions' });
    await expect(actions.getByLabel('Answer', { exact: true })).toHaveValue('matched_faq');
    await expect(actions.getByRole('radio', { name: /Pending/ })).toBeChecked();
    // By default a reply rule leaves conversations someone has to them.
    const answerAssigned = page.getByRole('checkbox', { name: /Also reply in conversations a person has/ });
    await expect(answerAssigned).not.toBeChecked();
    await docsSnapshot(page, 'settings-rule-editor', { height: 1760 });
    const desk = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    await answerAssigned.scrollIntoViewIfNeeded();
    await snapshot(page, 'settings-rule-editor-phone');
    if (desk) await page.setViewportSize(desk);
    await page.getByRole('button', { name: 'Save rule' }).click();
    await expect(toasts(page)).toContainText(`Rule “${RULE_NAME}” saved.`);
    // New rules go last; the seed's rule for every channel would win before it, so this one moves to the top.
    const cards = page.getByTestId('rule-card');
    const card = cards.filter({ hasText: RULE_NAME });
    await expect(cards.last()).toContainText(RULE_NAME);
    const above = (await cards.count()) - 1;
    for (let move = 1; move <= above; move++) {
      await card.getByRole('button', { name: `Move ${RULE_NAME} up` }).click();
      await expect(cards.nth(above - move)).toContainText(RULE_NAME);
    }
    await expect(card).toContainText('An FAQ matches at 60% or more');
    await expect(card).toContainText('Reply with the matched FAQ, set status to pending');
    await expect(card).toContainText(`Channel ${channel.name}`);
    await docsSnapshot(page, 'settings-automation-rules');

    // ── The test bench, before any customer has asked ──
    await page.getByRole('link', { name: 'Test bench & replay' }).click();
    await page.getByLabel('Arrives on').selectOption({ label: channel.name });
    await tryInBench(page, channel);

    // ── A customer asks in their own words: the answer reaches their phone, and the conversation waits on them ──
    const customer = uniquePhone();
    await customerTexts(channel, customer, 'Добрий день! Коли нарешті приїде моє замовлення?');
    const autoReply = await aggregator.waitForSend((sms) => sms.to === customer, 15_000);
    expect(autoReply.text).toBe(SENT_BODY);
    await expect.poll(async () => (await conversationWith(admin, customer)).status, { timeout: 10_000 }).toBe(ConversationStatus.Pending);
    const conversation = await conversationWith(admin, customer);

    await page.goto(`/inbox/${conversation.id}?view=all&status=pending`);
    await expectLive(page);
    await expect(page.getByRole('heading', { name: formatPhone(customer), level: 2 })).toBeVisible();
    const marker = thread(page).getByRole('article', { name: 'Auto-reply' }).getByTestId('automation-marker');
    await expect(marker).toContainText(new RegExp(`^Auto-reply · rule “${RULE_NAME}” · FAQ “${FAQ_TITLE}” · \\d{2,3}% · in Ukrainian$`));
    await expect(thread(page).getByRole('article', { name: 'Auto-reply' })).toContainText(SENT_BODY);
    await docsSnapshot(page, 'inbox-auto-reply');

    // ── The customer writes again: no second auto-reply, the agent takes over with the FAQ's answer ──
    await customerTexts(channel, customer, 'А посилку вже відправили?');
    await expect(thread(page).getByRole('article', { name: 'Customer message' }).last()).toContainText('А посилку вже відправили?');
    // The thread says why automation stayed quiet this time, so the agent knows the customer waits for a person.
    await expect(thread(page).getByTestId('activity-line').last()).toContainText('No automatic reply: the customer answered an auto-reply, so a person takes over');
    await snapshot(page, 'inbox-automation-held');
    const reply = page.getByRole('textbox', { name: 'Reply' });
    await reply.click();
    await page.keyboard.type(`/${SHORTCODE}`);
    await expect(page.getByTestId('canned-popover').getByRole('option').first()).toContainText(FAQ_TITLE);
    await page.keyboard.press('Enter');
    await expect(reply).toHaveValue(SENT_BODY);
    await reply.press('Control+End');
    await page.keyboard.type(' Гарного дня!');
    await page.keyboard.press('Control+Enter');
    const agentReply = await aggregator.waitForSend((sms) => sms.to === customer && sms.text.endsWith('Гарного дня!'));
    expect(agentReply.text).toBe(`${SENT_BODY} Гарного дня!`);
    expect(aggregator.sent.filter((sms) => sms.to === customer)).toHaveLength(2);

    // Learning: the question the agent just answered with the FAQ becomes one of its examples with one click.
    const suggestion = page.getByTestId('example-suggestion');
    await expect(suggestion).toContainText(`Add “А посилку вже відправили?” as an example of ${FAQ_TITLE}?`);
    await snapshot(page, 'inbox-example-suggestion');
    await suggestion.getByRole('button', { name: 'Add example' }).click();
    await expect(toasts(page)).toContainText(`Added as an example of “${FAQ_TITLE}”.`);
    await expect(suggestion).toHaveCount(0);
    const answers = await call<Array<{ title: string; examples: string[] }>>('/api/canned-answers', { token: admin.token });
    expect(answers.find((answer) => answer.title === FAQ_TITLE)?.examples).toContain('А посилку вже відправили?');

    // ── The replay: the customer's real messages run through the rules again, as a dry run ──
    await page.goto('/settings/automation/test-bench');
    await tryInBench(page, channel);
    const replay = page.getByTestId('replay-report');
    await expect(replay.getByRole('region', { name: 'Auto-replies by FAQ' })).toContainText(FAQ_TITLE);
    await expect(replay.getByRole('table', { name: 'Replayed messages' })).toContainText('Коли нарешті приїде моє замовлення?');
    await docsSnapshot(page, 'automation-test-bench', { height: 1500 });
  });
});

import { formatPhone } from '@backtalk/phone';
import { expect, test, type Page } from '@playwright/test';
import { DEMO } from '../e2e-environment';
import { agentPage, closeDesks, docsSnapshot, expectLive, signInInUkrainian, snapshot, thread } from './support/console';
import { expectNoUntranslatedText } from './support/untranslated-text';
import { apiSignIn, call, createGenericChannel, customerTexts, teamId, uniquePhone, uniqueSender, type GenericChannel, type Session } from './support/sms-world';

// An admin erases a customer from their contact page, after typing the number again, and then finds the
// conversation with its messages' content gone: each bubble says so instead, and the customer shows as erased.

async function conversationOf(admin: Session, phone: string): Promise<{ id: string; contact: { id: string } }> {
  const page = await call<{ items: Array<{ id: string; contact: { id: string; phone: string } }> }>(`/api/conversations?view=all&q=${encodeURIComponent(phone)}`, { token: admin.token });
  const found = page.items.find((conversation) => conversation.contact.phone === phone);
  if (!found) throw new Error(`No conversation with ${phone}`);
  return found;
}

/** A customer who texted twice and was answered once, with a name; returns their contact id. */
async function customer(admin: Session, line: GenericChannel, phone: string, name: string, question: string): Promise<string> {
  await customerTexts(line, phone, question);
  await expect.poll(() => conversationOf(admin, phone).then(() => true, () => false)).toBe(true);
  const conversation = await conversationOf(admin, phone);
  await call(`/api/contacts/${conversation.contact.id}`, { token: admin.token, method: 'PATCH', body: { name } });
  await call(`/api/conversations/${conversation.id}/notes`, { token: admin.token, method: 'POST', body: { body: `Checked the courier for ${name}` } });
  await customerTexts(line, phone, 'Any news?');
  return conversation.contact.id;
}

async function eraseFromContactPage(page: Page, phone: string, labels: { erase: string; dialog: string; field: string; confirm: string }): Promise<void> {
  await page.getByRole('button', { name: labels.erase }).click();
  const dialog = page.getByRole('dialog', { name: labels.dialog });
  await expect(dialog).toContainText(formatPhone(phone));
  const confirm = dialog.getByRole('button', { name: labels.confirm, exact: true });
  await expect(confirm).toBeDisabled();
  await dialog.getByRole('textbox', { name: labels.field }).fill(formatPhone(phone));
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await expect(dialog).toBeHidden();
}

test.describe('erasing a customer', () => {
  let admin: Session;
  let line: GenericChannel;

  test.beforeAll(async () => {
    admin = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
    line = await createGenericChannel(admin, { teamId: await teamId(admin, 'Support'), name: 'Erasure line', sender: uniqueSender(), sendUrl: 'http://127.0.0.1:9/unused' });
  });
  test.afterEach(closeDesks);

  test('an admin downloads a customer’s data, erases them, and sees the conversation with its content removed', async ({ browser }) => {
    const phone = uniquePhone();
    const name = `Iryna Erase ${Date.now().toString(36)}`;
    const contactId = await customer(admin, line, phone, name, 'My parcel 9120 never arrived, my address is Khreshchatyk 1');
    const page = await agentPage(browser, DEMO.admin.email, DEMO.admin.password);
    await page.goto(`/contacts/${contactId}`);
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download data' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`contact-${contactId}.json`);
    const exported = JSON.parse(await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'))) as { contact: { phone: string }; messages: Array<{ body: string }> };
    expect(exported.contact.phone).toBe(phone);
    expect(exported.messages.map((message) => message.body)).toContain('Any news?');

    await eraseFromContactPage(page, phone, { erase: 'Erase customer…', dialog: 'Erase this customer?', field: 'Type the customer’s number to confirm', confirm: 'Erase customer' });
    await expect(page.getByRole('heading', { name: 'Erased customer', level: 1 })).toBeVisible();
    await expect(page.getByText(/^Erased [A-Z][a-z]{2} \d/)).toBeVisible();
    await expect(page.getByRole('main')).not.toContainText(name);
    await expect(page.getByRole('button', { name: 'Erase customer…' })).toHaveCount(0);

    await page.getByRole('link', { name: /conversation on Erasure line/ }).click();
    const messages = thread(page);
    await expect(messages.getByText('Content erased')).toHaveCount(3);
    await expect(messages).not.toContainText('parcel 9120');
    await expect(messages).not.toContainText('Any news?');
    await expect(page.getByRole('heading', { name: 'Erased customer', level: 2 })).toBeVisible();
    await expect(page.getByTestId('opted-out-block')).toContainText('This customer was erased');
    // Nobody can answer an erased customer: the erasure closed the conversation and says so, and there is no number
    // left to consent or to block.
    await expect(page.getByText(/^Resolved .*The customer was erased: nobody can text them from here any more\.$/)).toBeVisible();
    await expect(messages.getByText('You erased the customer’s data; the conversation was closed')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Block number' })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Consent' })).toHaveCount(0);
    await docsSnapshot(page, 'erase-customer-desktop');
  });

  test('an agent with the conversation open sees its content leave the screen the moment an admin erases the customer', async ({ browser }) => {
    const phone = uniquePhone();
    const contactId = await customer(admin, line, phone, `Live Erase ${Date.now().toString(36)}`, 'Parcel 5531 is missing');
    const { id: conversationId } = await conversationOf(admin, phone);
    const page = await agentPage(browser, DEMO.agentA.email);
    await page.goto(`/inbox/${conversationId}?view=all`);
    await expectLive(page);
    await expect(thread(page)).toContainText('Parcel 5531 is missing');

    await call(`/api/contacts/${contactId}/erase`, { token: admin.token, method: 'POST', body: { confirmPhone: phone } });
    await expect(thread(page).getByText('Content erased')).toHaveCount(3);
    await expect(thread(page)).not.toContainText('Parcel 5531');
    await expect(page.getByRole('heading', { name: 'Erased customer', level: 2 })).toBeVisible();
  });

  test('on a phone, the erase dialog fits and the erased conversation reads clearly', async ({ browser }) => {
    const phone = uniquePhone();
    const contactId = await customer(admin, line, phone, `Petro Phone ${Date.now().toString(36)}`, 'Please delete my data, order 4410');
    const page = await agentPage(browser, DEMO.admin.email, DEMO.admin.password);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/contacts/${contactId}`);
    await page.getByRole('button', { name: 'Erase customer…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase this customer?' });
    await dialog.getByRole('textbox', { name: 'Type the customer’s number to confirm' }).fill(phone);
    await snapshot(page, 'erase-customer-dialog-phone');
    await dialog.getByRole('button', { name: 'Erase customer', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('heading', { name: 'Erased customer', level: 1 })).toBeVisible();
    await snapshot(page, 'erase-customer-contact-phone');

    await page.getByRole('link', { name: /conversation on Erasure line/ }).click();
    await expect(thread(page).getByText('Content erased')).toHaveCount(3);
    await expect(thread(page)).not.toContainText('order 4410');
    await docsSnapshot(page, 'erase-customer-phone');
  });

  test('an admin sets how long a team keeps message texts and media links, and empties the fields to keep everything again', async ({ browser }) => {
    const supportId = await teamId(admin, 'Support');
    const page = await agentPage(browser, DEMO.admin.email, DEMO.admin.password);
    await page.goto(`/settings/teams/${supportId}/routing`);
    const retention = page.getByRole('region', { name: 'Message retention' });
    await retention.getByRole('textbox', { name: 'Keep media links for (days)' }).fill('90');
    await retention.getByRole('textbox', { name: 'Keep message texts for (days)' }).fill('0');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(retention).toContainText('Enter days from 1 to 3650, or leave it empty to keep them for good.');
    await retention.getByRole('textbox', { name: 'Keep message texts for (days)' }).fill('365');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('Routing settings saved.')).toBeVisible();
    await retention.scrollIntoViewIfNeeded();
    await snapshot(page, 'team-retention');
    const saved = await call<{ retention: unknown }>(`/api/teams/${supportId}/routing`, { token: admin.token });
    expect(saved.retention).toEqual({ messageBodiesDays: 365, mediaDays: 90 });

    await retention.getByRole('textbox', { name: 'Keep message texts for (days)' }).fill('');
    await retention.getByRole('textbox', { name: 'Keep media links for (days)' }).fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => call<{ retention: unknown }>(`/api/teams/${supportId}/routing`, { token: admin.token }).then((view) => view.retention)).toEqual({ messageBodiesDays: null, mediaDays: null });
  });

  test('a Ukrainian admin erases a customer and reads the erased conversation in Ukrainian', async ({ browser }) => {
    test.setTimeout(60_000);
    const phone = uniquePhone();
    const contactId = await customer(admin, line, phone, `Олена Стерта ${Date.now().toString(36)}`, 'Видаліть, будь ласка, мої дані, замовлення 7730');
    const context = await browser.newContext({ locale: 'uk-UA', timezoneId: 'Europe/Kyiv' });
    try {
      const page = await context.newPage();
      await signInInUkrainian(page, DEMO.admin.email, DEMO.admin.password);

      await page.goto(`/contacts/${contactId}`);
      await expect(page.getByRole('button', { name: 'Завантажити дані' })).toBeVisible();
      await eraseFromContactPage(page, phone, { erase: 'Стерти клієнта…', dialog: 'Стерти цього клієнта?', field: 'Щоб підтвердити, введіть номер клієнта', confirm: 'Стерти клієнта' });
      await expect(page.getByRole('heading', { name: 'Стертий клієнт', level: 1 })).toBeVisible();
      await expectNoUntranslatedText(page, 'uk-erased-contact');

      await page.getByRole('link', { name: /розмова через Erasure line/ }).click();
      await expect(thread(page).getByText('Вміст стерто')).toHaveCount(3);
      await expect(thread(page)).not.toContainText('7730');
      await docsSnapshot(page, 'uk-erase-customer');
      await expectNoUntranslatedText(page, 'uk-erase-customer');
    } finally {
      await context.close();
      const session = await apiSignIn(DEMO.admin.email, DEMO.admin.password);
      await call('/api/me/preferences', { method: 'PATCH', token: session.token, body: { locale: null } });
    }
  });
});

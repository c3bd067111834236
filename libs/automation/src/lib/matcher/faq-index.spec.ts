import { buildFaqIndex, type FaqDefinition } from './faq-index';
import { loadUseLiteEncoder } from './sentence-encoder';

const UKRAINIAN_SHOP: FaqDefinition[] = [
  {
    id: 'order-status',
    language: 'uk',
    examples: ['Де моє замовлення?', 'Коли приїде моя посилка?', 'Як відстежити замовлення', 'Замовлення досі не доставили', 'Скільки чекати на доставку?'],
  },
  {
    id: 'opening-hours',
    language: 'uk',
    examples: ['О котрій ви відкриваєтесь?', 'Який графік роботи магазину?', 'Чи працюєте ви у неділю?', 'До котрої години працює магазин'],
  },
  {
    id: 'refund',
    language: 'uk',
    examples: ['Як повернути гроші за товар?', 'Хочу оформити повернення', 'Коли повернуть кошти на картку?', 'Товар не підійшов, як його повернути'],
  },
  {
    id: 'change-address',
    language: 'uk',
    examples: ['Як змінити адресу доставки?', 'Я переїхав, потрібно змінити адресу', 'Помилився в адресі при оформленні'],
  },
];

const RUSSIAN_SHOP: FaqDefinition[] = [
  { id: 'order-status', language: 'ru', examples: ['Где мой заказ?', 'Когда привезут посылку?', 'Как отследить заказ', 'Заказ до сих пор не доставили'] },
  { id: 'payment', language: 'ru', examples: ['Как оплатить заказ картой?', 'Можно ли оплатить при получении?', 'Не проходит оплата'] },
  { id: 'refund', language: 'ru', examples: ['Как вернуть деньги за товар?', 'Хочу оформить возврат', 'Когда вернут деньги на карту?'] },
];

const ENGLISH_BANK: FaqDefinition[] = [
  { id: 'card-arrival', examples: ['Where is my new card?', 'My card has not arrived yet', 'How long does card delivery take?', 'I am still waiting for my card'] },
  { id: 'reset-pin', examples: ['How do I reset my PIN?', 'I forgot my PIN code', 'Can I change my card PIN?', 'My PIN is blocked after wrong attempts'] },
  { id: 'exchange-rate', examples: ['What exchange rate do you use?', 'How much is the euro to dollar rate?', 'Why was the exchange rate so bad?'] },
  { id: 'cancel-transfer', examples: ['How can I cancel a transfer?', 'I sent money to the wrong account, stop it', 'Please reverse my last payment'] },
];

async function bestFaq(faqs: FaqDefinition[], message: string): Promise<string | undefined> {
  const index = await buildFaqIndex(faqs);
  return (await index.match(message, { limit: 1 }))[0]?.faqId;
}

describe('FAQ matcher without a sentence encoder', () => {
  it('matches a Ukrainian paraphrase whose words have other endings than the examples', async () => {
    expect(await bestFaq(UKRAINIAN_SHOP, 'коли доставлять моє замовленя')).toBe('order-status');
    expect(await bestFaq(UKRAINIAN_SHOP, 'Як повернути кошти?')).toBe('refund');
    expect(await bestFaq(UKRAINIAN_SHOP, 'графік роботи у неділю')).toBe('opening-hours');
  });

  it('matches Ukrainian written in Latin letters against Cyrillic examples', async () => {
    expect(await bestFaq(UKRAINIAN_SHOP, 'de moye zamovlennya')).toBe('order-status');
    expect(await bestFaq(UKRAINIAN_SHOP, 'yak zminyty adresu dostavky')).toBe('change-address');
    expect(await bestFaq(UKRAINIAN_SHOP, 'khochu povernennia hroshei')).toBe('refund');
  });

  it('matches Russian questions, with typos and in transliteration', async () => {
    expect(await bestFaq(RUSSIAN_SHOP, 'где мой закз???')).toBe('order-status');
    expect(await bestFaq(RUSSIAN_SHOP, 'не проходит оплата картой')).toBe('payment');
    expect(await bestFaq(RUSSIAN_SHOP, 'kogda vernut dengi')).toBe('refund');
  });

  it('tolerates SMS typos and abbreviations in English', async () => {
    expect(await bestFaq(ENGLISH_BANK, 'wher is my crd??')).toBe('card-arrival');
    expect(await bestFaq(ENGLISH_BANK, 'forgot pin pls help')).toBe('reset-pin');
    expect(await bestFaq(ENGLISH_BANK, 'exch rate eur usd')).toBe('exchange-rate');
  });

  it('returns scores between 0 and 1 that never rise down the list', async () => {
    const index = await buildFaqIndex(UKRAINIAN_SHOP);
    const matches = await index.match('де моє замовлення', { limit: 4 });
    expect(matches).toHaveLength(4);
    for (const [position, match] of matches.entries()) {
      expect(match.score).toBeGreaterThanOrEqual(0);
      expect(match.score).toBeLessThanOrEqual(1);
      if (position > 0) expect(match.score).toBeLessThanOrEqual(matches[position - 1].score);
    }
  });

  it('is far less confident about an unrelated message than about a paraphrase', async () => {
    const index = await buildFaqIndex(UKRAINIAN_SHOP);
    const [paraphrase] = await index.match('де моє замовлення?');
    const [unrelated] = await index.match('яка сьогодні погода у Львові');
    expect(paraphrase.score).toBeGreaterThan(0.5);
    expect(unrelated?.score ?? 0).toBeLessThan(paraphrase.score - 0.3);
  });

  it('finds nothing for a message with no letters or words the library knows', async () => {
    const index = await buildFaqIndex(ENGLISH_BANK);
    expect(await index.match('😀😀 !!!')).toEqual([]);
  });

  it('matches an FAQ through its keywords alone', async () => {
    const faqs = [...ENGLISH_BANK, { id: 'crypto', examples: [], keywords: ['bitcoin', 'ethereum', 'crypto'] }];
    expect(await bestFaq(faqs, 'do you support bitcoin')).toBe('crypto');
  });

  it('ignores FAQs that have neither examples nor keywords', async () => {
    const index = await buildFaqIndex([...ENGLISH_BANK, { id: 'empty', examples: ['  '] }]);
    expect(index.stats.faqs).toBe(ENGLISH_BANK.length);
  });

  it('refuses a library in which two FAQs share an id', async () => {
    await expect(buildFaqIndex([...ENGLISH_BANK, { id: 'reset-pin', examples: ['PIN'] }])).rejects.toThrow('reset-pin');
  });
});

describe('FAQ matcher with the bundled English sentence encoder', () => {
  jest.setTimeout(60_000);

  it('matches English paraphrases and is surer of them than lexical matching alone', async () => {
    const lexical = await buildFaqIndex(ENGLISH_BANK);
    const semantic = await buildFaqIndex(ENGLISH_BANK, { encoder: await loadUseLiteEncoder() });
    expect(semantic.stats.encoder).toMatch(/USE-lite/);
    for (const [message, faqId] of [
      ['take back the payment i made', 'cancel-transfer'],
      ['when will it be delivered', 'card-arrival'],
      ['what is the conversion fee for pounds', 'exchange-rate'],
    ]) {
      const [withEncoder] = await semantic.match(message, { limit: 1 });
      const [withoutEncoder] = await lexical.match(message, { limit: 1 });
      expect(withEncoder.faqId).toBe(faqId);
      expect(withEncoder.score).toBeGreaterThan(withoutEncoder.score);
    }
  });

  it('falls back to lexical matching for Cyrillic messages, which the English encoder does not know', async () => {
    const index = await buildFaqIndex([...ENGLISH_BANK, { id: 'card-arrival-uk', language: 'uk', examples: ['Де моя картка?', 'Картку досі не доставили'] }], {
      encoder: await loadUseLiteEncoder(),
    });
    expect((await index.match('де моя нова картка', { limit: 1 }))[0].faqId).toBe('card-arrival-uk');
  });
});

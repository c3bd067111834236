import { type RoutingLanguage } from '@backtalk/contracts';

// SMS are too short for statistical models, so this scores a handful of signals that are near-certain in isolation:
// letters only one of the two Cyrillic alphabets has, and frequent words that exist in only one language. Anything
// that both languages share ("так", "все", "хочу", "доставка") is deliberately left out, because a wrong language
// routes the customer to an agent who cannot read them, while null merely falls back to the default queue.

/** A word from a list outweighs a single letter: short messages often carry one name or address in the other language. */
const WORD_WEIGHT = 2;
const LETTER_WEIGHT = 2;
const ENDING_WEIGHT = 1;
/** Transliteration is guesswork, so it needs more than one weak hint before it names a language. */
const MIN_TRANSLIT_SCORE = 2;

const UKRAINIAN_LETTERS = /[іїєґ]/;
const RUSSIAN_LETTERS = /[ыэъё]/;
/** Ukrainian writes an apostrophe where Russian writes ъ (п'ять, сім'я, об'єкт). */
const CYRILLIC_APOSTROPHE = /[а-яіїєґ]['’ʼ`][а-яіїєґ]/;
const CYRILLIC = /[а-яёіїєґ]/;
const LATIN = /[a-z]/;

// A word that appears here must not be an ordinary word of the other language; "та", "тому", "уже", "адреса" and
// "нема" are valid in both and so are missing. Words with a distinctive letter are covered by the letter check.
const UKRAINIAN_WORDS = new Set([
  'що', 'шо', 'як', 'де', 'чи', 'це', 'ви', 'ми', 'ще', 'вже', 'але', 'або', 'бо', 'й', 'з', 'коли', 'чому', 'куди',
  'якщо', 'мене', 'його', 'вона', 'воно', 'вони', 'мого', 'свого', 'буде', 'можна', 'треба', 'дякую', 'дуже', 'ласка',
  'добрий', 'добре', 'гаразд', 'вибачте', 'зараз', 'вчора', 'чекаю', 'пошта', 'посилка', 'посилку', 'замовлення',
  'замовив', 'замовила', 'замовити', 'отримав', 'отримала', 'отримали', 'отримати', 'прийшло', 'прийшла', 'прийшов',
  'прийде', 'зробити', 'скасувати', 'змінити', 'допоможіть', 'тиждень', 'гроші', 'ранок',
]);
const RUSSIAN_WORDS = new Set([
  'что', 'как', 'где', 'и', 'с', 'к', 'от', 'из', 'со', 'или', 'но', 'если', 'да', 'нет', 'мне', 'меня', 'мой', 'мое',
  'моего', 'его', 'она', 'они', 'когда', 'почему', 'куда', 'можно', 'нужно', 'надо', 'еще', 'сегодня', 'вчера',
  'сейчас', 'потом', 'только', 'очень', 'здесь', 'вот', 'тоже', 'какой', 'какая', 'спасибо', 'пожалуйста',
  'здравствуйте', 'привет', 'хорошо', 'ладно', 'извините', 'помогите', 'скажите', 'сколько', 'стоит', 'заказ',
  'заказа', 'заказе', 'заказал', 'заказала', 'почта', 'адрес', 'получил', 'получила', 'получили', 'пришел', 'пришло',
  'пришла', 'придет', 'жду', 'ждать', 'работает', 'отменить', 'поменять', 'вернуть', 'деньги', 'неделю', 'доброе',
  'утро', 'вечер',
]);

// Endings that each language forms regularly and the other never does (Ukrainian: -ння for -ние, -ться for -тся).
const UKRAINIAN_ENDINGS = /ння$/;
const RUSSIAN_ENDINGS = /(?:ние|ния|тся|[еи]шь)$/;

const ENGLISH_WORDS = new Set([
  'the', 'a', 'an', 'i', "i'm", 'im', 'my', 'me', 'you', 'your', 'we', 'our', 'it', "it's", 'is', 'are', 'was', 'were',
  'be', 'been', 'am', 'do', 'does', 'did', "don't", 'dont', "didn't", 'didnt', "can't", 'cant', "hasn't", "haven't",
  "isn't", "won't", 'not', 'can', 'could', 'would', 'will', 'have', 'has', 'had', 'what', 'where', 'when', 'why',
  'how', 'who', 'which', 'this', 'that', 'there', 'here', 'and', 'or', 'but', 'of', 'to', 'for', 'in', 'on', 'at',
  'with', 'from', 'about', 'yes', 'yeah', 'no', 'please', 'pls', 'plz', 'thanks', 'thank', 'thx', 'hi', 'hello', 'hey',
  'sorry', 'help', 'need', 'want', 'get', 'got', 'still', 'yet', 'just', 'order', 'package', 'parcel', 'delivery',
  'delivered', 'arrived', 'received', 'cancel', 'refund', 'change', 'address', 'call', 'back', 'today', 'tomorrow',
  'morning', 'wrong', 'stop', 'any', 'update', 'again', 'good',
]);

// Romanised SMS: strong words are unmistakable on their own, weak ones ("de", "kak", "net") only add up.
const UKRAINIAN_TRANSLIT_STRONG = new Set([
  'zamovlennya', 'zamovlennia', 'zamovlenya', 'zamovlenia', 'dyakuyu', 'diakuiu', 'dyakuju', 'dakuju', 'djakuju',
  'pryvit', 'privit', 'laska', 'shcho', 'scho', 'moye', 'moie', 'koly', 'chomu', 'mozhna', 'treba', 'otrymav',
  'otrymala', 'nadiyshlo', 'pratsyuye', 'pratsiuie', 'dobryi', 'dobryy', 'dobryj', 'vzhe', 'shche', 'vybachte',
  'skilky', 'skilki', 'koshtuye', 'koshtuie', 'poshta', 'pryishlo', 'pryjshlo', 'meni',
]);
const UKRAINIAN_TRANSLIT_WEAK = new Set(['de', 'yak', 'tse', 'chy', 'i', 'ne', 'moya', 'miy', 'mij']);
const RUSSIAN_TRANSLIT_STRONG = new Set([
  'gde', 'zakaz', 'zakaza', 'spasibo', 'pozhaluysta', 'pozhaluista', 'pojaluista', 'pozhalujsta', 'privet',
  'zdravstvuyte', 'zdravstvujte', 'kogda', 'pochemu', 'mozhno', 'nuzhno', 'skolko', 'rabotaet', 'poluchil',
  'poluchila', 'prishel', 'prishlo', 'khorosho', 'horosho', 'izvinite', 'seychas', 'sejchas', 'segodnya', 'segodnja',
  'chto', 'shto', 'eto', 'pochta',
]);
const RUSSIAN_TRANSLIT_WEAK = new Set(['kak', 'moy', 'moj', 'mne', 'net', 'da', 'ne', 'uzhe', 'esche', 'eshche', 'moe']);

// Someone on a Russian keyboard often types Ukrainian і as Latin i; these look identical inside a Cyrillic word.
const LATIN_LOOKALIKES: Record<string, string> = { a: 'а', c: 'с', e: 'е', i: 'і', k: 'к', o: 'о', p: 'р', x: 'х', y: 'у' };

// Letters glued to digits are codes (A12, 5th, ТТН2045), not words of any language.
const WORD = /(?<![\p{L}\p{M}\p{N}])[\p{L}\p{M}]+(?:['’ʼ`][\p{L}\p{M}]+)*(?![\p{L}\p{M}\p{N}])/gu;

interface Scores {
  uk: number;
  ru: number;
}

export function detectLanguage(text: string): RoutingLanguage | null {
  const words = (text.normalize('NFC').toLowerCase().match(WORD) ?? []).map(unmixScripts);
  const cyrillic = words.filter((word) => CYRILLIC.test(word));
  const latin = words.filter((word) => !CYRILLIC.test(word) && LATIN.test(word));
  if (cyrillic.length === 0 && latin.length === 0) return null;

  // The script most words are in decides; the other only speaks when the main one has no answer.
  const [primary, secondary] = cyrillic.length >= latin.length ? [cyrillic, latin] : [latin, cyrillic];
  const detect = (group: string[]) => (group === cyrillic ? detectCyrillic(group) : detectLatin(group));
  return detect(primary) ?? (secondary.length > 0 ? detect(secondary) : null);
}

function detectCyrillic(words: string[]): RoutingLanguage | null {
  const scores: Scores = { uk: 0, ru: 0 };
  for (const word of words) {
    const ukLetters = UKRAINIAN_LETTERS.test(word) || CYRILLIC_APOSTROPHE.test(word);
    const ruLetters = RUSSIAN_LETTERS.test(word);
    // A word with both alphabets' letters is a typo or a name; it says nothing reliable.
    if (ukLetters && !ruLetters) scores.uk += LETTER_WEIGHT;
    if (ruLetters && !ukLetters) scores.ru += LETTER_WEIGHT;
    if (UKRAINIAN_WORDS.has(word)) scores.uk += WORD_WEIGHT;
    if (RUSSIAN_WORDS.has(word)) scores.ru += WORD_WEIGHT;
    if (UKRAINIAN_ENDINGS.test(word)) scores.uk += ENDING_WEIGHT;
    if (RUSSIAN_ENDINGS.test(word)) scores.ru += ENDING_WEIGHT;
  }
  return winner(scores, 1);
}

function detectLatin(words: string[]): RoutingLanguage | null {
  let english = 0;
  const translit: Scores = { uk: 0, ru: 0 };
  for (const word of words) {
    const plain = word.replace(/[’ʼ`]/g, "'");
    if (ENGLISH_WORDS.has(plain)) english += 1;
    translit.uk += UKRAINIAN_TRANSLIT_STRONG.has(plain) ? WORD_WEIGHT : UKRAINIAN_TRANSLIT_WEAK.has(plain) ? 1 : 0;
    translit.ru += RUSSIAN_TRANSLIT_STRONG.has(plain) ? WORD_WEIGHT : RUSSIAN_TRANSLIT_WEAK.has(plain) ? 1 : 0;
  }
  const slavic = winner(translit, MIN_TRANSLIT_SCORE);
  const slavicScore = slavic ? translit[slavic] : 0;
  if (english > 0 && english > slavicScore) return 'en';
  return slavic && slavicScore > english ? slavic : null;
}

function winner(scores: Scores, minimum: number): 'uk' | 'ru' | null {
  if (scores.uk >= minimum && scores.uk > scores.ru) return 'uk';
  if (scores.ru >= minimum && scores.ru > scores.uk) return 'ru';
  return null;
}

function unmixScripts(word: string): string {
  if (!CYRILLIC.test(word) || !LATIN.test(word)) return word;
  return word.replace(/[a-z]/g, (letter) => LATIN_LOOKALIKES[letter] ?? letter);
}

import type { MessagesOf } from '@backtalk/console/i18n';
import type { en } from './en';

export const uk: MessagesOf<typeof en> = {
  page: {
    title: 'Черги',
    description: 'Хто чекає в кожній команді, як довго, і хто з операторів вільний. Оновлюється наживо.',
    loadFailed: 'Не вдалося завантажити черги.',
    retry: 'Спробувати ще раз',
    loading: 'Завантаження черг…',
    emptyTitle: 'Черг поки немає',
    emptyBody: 'Кожна команда — це черга. Ви бачите черги команд, у яких ви є.',
  },
  wait: {
    seconds: '{seconds} с',
    minutesSeconds: '{minutes} хв {seconds} с',
  },
  opening: {
    open: 'Відкрито',
    closed: 'Зачинено',
    alwaysOpen: 'Працює завжди',
    noHours: 'Години роботи не задано',
    closes: 'зачиняється {when}',
    opens: 'відкривається {when}',
  },
  load: {
    open: 'відкритих: {count}',
    ofCapacity: '{load} / {capacity}',
    titleUnlimited: 'Відкриті розмови; без обмеження',
    titleCapacity: 'Відкриті розмови / ліміт',
  },
  agents: {
    title: 'Оператори',
    none: 'Операторів немає',
    onlineOfTotal: '{online} з {total} на зв’язку',
    you: '(ви)',
    speaks: 'Мови: {languages}',
    noLanguages: 'Мови не вказано',
    status: '{name}: {status}',
    nobody: 'У цій команді ще нікого немає.',
    listLabel: 'Оператори команди {team}',
  },
  policyHints: {
    manual: 'Оператори самі беруть розмови з черги',
    round_robin: 'Нові розмови по черзі отримують оператори на зв’язку',
    least_loaded: 'Нові розмови отримує найменш завантажений оператор на зв’язку',
  },
  card: {
    label: 'Черга {team}',
    waiting: 'Чекають',
    longestWait: 'Найдовше очікування',
    slaAtRisk: 'SLA під загрозою',
    slaBreached: 'SLA порушено',
    byPriority: 'Очікують за пріоритетом',
    routingSettings: 'Налаштування розподілу',
  },
};

import type { MessagesOf } from '@backtalk/console/i18n';
import type { en } from './en';

export const uk: MessagesOf<typeof en> = {
  roles: { admin: 'Адміністратор', supervisor: 'Керівник', agent: 'Оператор' },
  policies: { manual: 'Вручну', round_robin: 'По черзі', least_loaded: 'Найменш завантаженому' },
  languages: { en: 'Англійська', uk: 'Українська', ru: 'Російська' },
  priorities: { urgent: 'Терміново', high: 'Високий', normal: 'Звичайний', low: 'Низький' },
  presence: { online: 'На зв’язку', away: 'Відійшов', offline: 'Не в мережі' },
  attributes: {
    notSet: 'Не вказано',
    yes: 'Так',
    no: 'Ні',
    notSaved: 'Не збережено. Спробуйте ще раз.',
    open: 'Відкрити: {label}',
  },
  copy: {
    copy: 'Копіювати',
    copied: 'Скопійовано',
    blocked: 'Браузер не дозволив скопіювати. Текст виділено: натисніть Ctrl+C або ⌘C.',
  },
  dialog: { close: 'Закрити', cancel: 'Скасувати' },
  dateRange: {
    from: 'З',
    to: 'По',
    hint: 'Обидва дні входять у проміжок. Залиште одне поле порожнім, щоб проміжок був відкритим із того боку.',
    backwards: 'Кінцева дата раніша за початкову.',
    future: 'Виберіть сьогоднішній або раніший день.',
    cancel: 'Скасувати',
    apply: 'Застосувати',
  },
  toasts: { region: 'Сповіщення', dismiss: 'Закрити сповіщення' },
  fields: { nothingToChoose: 'Немає з чого вибрати.' },
  time: {
    now: 'щойно',
    seconds: '{count} с',
    minutes: '{count} хв',
    hours: '{count} год',
    days: '{count} дн.',
    hoursMinutes: '{hours} год {minutes} хв',
    daysHours: '{days} дн. {hours} год',
    today: 'Сьогодні',
    yesterday: 'Учора',
    tomorrowAt: 'завтра о {time}',
    weekdayAt: '{weekday} о {time}',
    dateAt: '{date}, {time}',
  },
  list: { andMore: '{list} і ще {count}' },
};

import type { MessagesOf } from '@backtalk/console/i18n';
import type { en } from './en';

export const uk: MessagesOf<typeof en> = {
  nav: {
    main: 'Головне меню',
    home: '{product}: на головну',
    inbox: 'Вхідні',
    queues: 'Черги',
    contacts: 'Контакти',
    reports: 'Звіти',
    settings: 'Налаштування',
    settingsShort: 'Параметри',
  },
  user: { noTeam: 'Поки без команди', profile: 'Мій профіль', logOut: 'Вийти' },
  skipToContent: 'Перейти до вмісту',
  pageLoading: 'Відкриваємо сторінку…',
  availability: {
    online: 'На зв’язку',
    onlineHint: 'Отримує нові розмови',
    away: 'Відійшов',
    awayHint: 'Нові розмови не надходять',
    menu: 'Доступність: {label}. Змінити',
    title: '{availability, select, online {Ви на зв’язку: нові розмови надходять} other {Ви відійшли: нові розмови не надходять}}',
    heading: 'Ваша доступність',
  },
  realtime: {
    connecting: 'Підключення…',
    connectingDetail: 'Встановлюємо живе з’єднання із сервером.',
    catching_up: 'Оновлення…',
    catching_upDetail: 'Підтягуємо зміни, що сталися за вашої відсутності.',
    live: 'Онлайн',
    liveDetail: 'Зміни з’являються одразу.',
    reconnecting: 'Перепідключення…',
    reconnectingDetail: 'Живе з’єднання обірвалося. Нічого не втрачено: зміни з’являться, щойно зв’язок відновиться.',
    offline: 'Немає зв’язку',
    offlineDetail: 'Немає з’єднання із сервером. Пробуємо далі; зміни з’являться, щойно зв’язок відновиться.',
  },
  connectionLost: 'Зв’язок втрачено — перепідключаємося…',
  notFound: {
    title: 'Сторінку не знайдено',
    back: 'До вхідних',
    body: 'Такої сторінки немає, або вона недоступна для вашого облікового запису.',
  },
};

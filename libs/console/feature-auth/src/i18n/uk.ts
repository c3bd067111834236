import type { MessagesOf } from '@backtalk/console/i18n';
import type { en } from './en';

export const uk: MessagesOf<typeof en> = {
  signIn: {
    title: 'Вхід',
    subtitle: 'Відповідайте на SMS клієнтів разом із командою.',
    expired: 'Сеанс завершився. Увійдіть ще раз, щоб продовжити.',
    email: 'Ел. пошта',
    password: 'Пароль',
    submit: 'Увійти',
    enterEmail: 'Введіть адресу електронної пошти.',
    enterPassword: 'Введіть пароль.',
    language: 'Мова',
  },
  loading: 'Завантажуємо {product}…',
};

import { Route, Routes } from 'react-router-dom';
import { ContactDirectoryPage } from './ContactDirectoryPage';
import { ContactPage } from './ContactPage';
import './contacts.css';

/** `/contacts` (the directory) and `/contacts/:contactId` (one customer), loaded only when Contacts is opened. */
export function ContactsArea() {
  return (
    <Routes>
      <Route index element={<ContactDirectoryPage />} />
      <Route path=":contactId" element={<ContactPage />} />
    </Routes>
  );
}

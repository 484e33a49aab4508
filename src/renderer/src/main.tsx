import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dates/styles.css';
import './app/typography.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installWebApi } from './api/web-adapter';
import { App, startFirstScreen } from './app/App';

// Before anything reads the URL: in the web host this takes the token out of the hash.
installWebApi();
startFirstScreen();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

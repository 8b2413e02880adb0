import { RapportProvider } from '@rapport/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { createAppClient } from './client';
import './styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html needs a #root element');

createRoot(root).render(
  <StrictMode>
    <RapportProvider client={createAppClient()}>
      <App />
    </RapportProvider>
  </StrictMode>,
);

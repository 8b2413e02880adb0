import { describeCrmConformance } from '@rapport/core/testing';
import { pgliteStores, serverStores } from './test-stores';

describeCrmConformance('pglite', pgliteStores());

// The real server runs only when one is configured, e.g. RAPPORT_PG_URL=postgres://postgres@127.0.0.1:5432/test.
const url = process.env.RAPPORT_PG_URL;
if (url !== undefined && url !== '') describeCrmConformance('postgres server', serverStores(url));

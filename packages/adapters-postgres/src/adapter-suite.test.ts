import { describeStorageAdapterSuite } from '@rapport/core/testing';
import { pgliteStores, serverStores } from './test-stores';

describeStorageAdapterSuite('pglite', pgliteStores());

// The real server runs only when one is configured, e.g. RAPPORT_PG_URL=postgres://postgres@127.0.0.1:5432/test.
const url = process.env.RAPPORT_PG_URL;
if (url !== undefined && url !== '') describeStorageAdapterSuite('postgres server', serverStores(url));

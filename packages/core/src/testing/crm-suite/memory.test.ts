import { memoryAdapter } from '../../memory/memory-adapter';
import { describeCrmConformance } from './describe-crm-conformance';

describeCrmConformance('memory', () => memoryAdapter());

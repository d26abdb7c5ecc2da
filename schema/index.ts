import { builder } from './builder.ts';
import './scalars.ts';
import './memory.ts';
import './search.ts';
import './system.ts';

export const schema = builder.toSchema({ sortSchema: true });

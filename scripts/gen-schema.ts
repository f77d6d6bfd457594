/** Writes docs/evaluation.schema.json from the zod schema (npm run schema). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluationJsonSchema } from '../src/core/schema/json-schema.ts';

const out = join(import.meta.dirname, '..', 'docs', 'evaluation.schema.json');
writeFileSync(out, JSON.stringify(evaluationJsonSchema(), null, 2) + '\n');
console.log(`已写入 ${out}`);

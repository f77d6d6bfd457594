import { runCrafted, runSpreadsheet } from './spreadsheet.ts';
console.table(runCrafted());
const r = runSpreadsheet(1, 1000, 500);
console.log(JSON.stringify(r, null, 1));

/** The search document of an item: built from SQLite by the items owner (src/db/items/search-documents.ts). */
export { allDocuments, buildDocuments, SearchDocument } from '../db/items/search-documents.js';

/** An item's topics (what its permissions come from) and topic lookups: owned by src/db/items. */
export { itemRef, topicBySlug, topicSlugs, type ItemRef } from '../db/items/item-ref.js';

import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { topics } from './sources.js';

const now = sql`(unixepoch('subsec') * 1000)`;

/**
 * People of the network. Removing an account keeps the row (deleted_at, no password, no sessions) so curation
 * rows still point at someone; the audit log also keeps a copy of the e-mail and display name.
 */
export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash'),
    /** Global role: 'admin' can do everything; curator/member rights come from memberships. */
    role: text('role', { enum: ['admin', 'curator', 'member'] }).notNull().default('member'),
    /** Someone asked for a password reset while no SMTP was configured: shown to admins. */
    resetRequestedAt: integer('reset_requested_at'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
    deletedAt: integer('deleted_at'),
  },
  (t) => [uniqueIndex('users_email_live').on(t.email).where(sql`deleted_at IS NULL`)],
);

/** Role per topic; topic_id NULL = every topic of the network. */
export const memberships = sqliteTable(
  'memberships',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    topicId: integer('topic_id').references(() => topics.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['curator', 'member'] }).notNull(),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('memberships_user_topic').on(t.userId, t.topicId).where(sql`topic_id IS NOT NULL`),
    uniqueIndex('memberships_user_network').on(t.userId).where(sql`topic_id IS NULL`),
    index('memberships_topic').on(t.topicId),
  ],
);

/** Cookie sessions; the cookie holds a random secret, the table its SHA-256. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull().unique(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/** Bearer tokens for scripts and reader apps: hashed at rest, scoped, revocable. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** First characters of the token, to tell tokens apart in a list. */
    prefix: text('prefix').notNull(),
    scope: text('scope', { enum: ['read', 'curate'] }).notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at'),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('api_tokens_user').on(t.userId)],
);

/** Invitation links (co-option) created by admins and curators. */
export const invitations = sqliteTable('invitations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tokenHash: text('token_hash').notNull().unique(),
  email: text('email').notNull(),
  role: text('role', { enum: ['admin', 'curator', 'member'] }).notNull(),
  topicId: integer('topic_id').references(() => topics.id, { onDelete: 'cascade' }),
  authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  acceptedAt: integer('accepted_at'),
  userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
});

export const passwordResets = sqliteTable('password_resets', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tokenHash: text('token_hash').notNull().unique(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
});

/**
 * App passwords for reader apps (Google Reader and Fever APIs): never the login password. The secret is random, so
 * its SHA-256 is kept for the Google Reader login and md5(email:secret) for Fever's api_key (Fever's own scheme).
 */
export const appPasswords = sqliteTable(
  'app_passwords',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    secretHash: text('secret_hash').notNull().unique(),
    feverKey: text('fever_key').notNull(),
    scope: text('scope', { enum: ['read', 'curate'] }).notNull(),
    createdAt: integer('created_at').notNull(),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('app_passwords_user').on(t.userId), index('app_passwords_fever').on(t.feverKey)],
);

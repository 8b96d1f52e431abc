import type { AskAnswer } from './api-types.js';

export interface Exchange {
  id: string;
  question: string;
  askedAt: number;
  /** `answered`: a whole answer; `stopped`: the reader pressed Stop (text is what had come); `failed`: see `failure`. */
  status: 'answered' | 'stopped' | 'failed';
  text: string;
  answer?: AskAnswer;
  failure?: string;
  feedback?: 'up' | 'down';
}

export interface Conversation {
  id: string;
  createdAt: number;
  updatedAt: number;
  exchanges: Exchange[];
}

const STORAGE_KEY = 'questions-articles:conversations';
const VERSION = 1;
/** Well under the 5 million characters browsers give an origin, so that a save never fails for size. */
export const MAX_STORED_CHARACTERS = 2_000_000;
export const MAX_CONVERSATIONS = 50;

interface Stored {
  version: number;
  currentId: string | null;
  conversations: Conversation[];
}

export function conversationTitle(conversation: Conversation): string {
  return conversation.exchanges[0]?.question.replace(/\s+/gu, ' ').trim() || 'Conversation vide';
}

export function newConversation(now = Date.now()): Conversation {
  return { id: randomId(), createdAt: now, updatedAt: now, exchanges: [] };
}

export function randomId(): string {
  return crypto.randomUUID();
}

/**
 * The conversations kept in this browser (`localStorage`), newest first. Nothing here is sent anywhere.
 * A value of another version, or damaged, is set aside rather than read wrongly.
 */
export class ConversationStore {
  private conversations: Conversation[] = [];
  /** Deleted here: an answer still arriving for one of them must not bring it back. */
  private readonly removed = new Set<string>();
  currentId: string | null = null;

  constructor(private readonly storage: Storage | null = safeLocalStorage()) {
    const stored = this.read();
    this.conversations = stored.conversations;
    this.currentId = stored.currentId;
  }

  list(): readonly Conversation[] {
    return [...this.conversations].sort((a, b) => b.updatedAt - a.updatedAt);
  }

  get(id: string | null): Conversation | undefined {
    return this.conversations.find((conversation) => conversation.id === id);
  }

  /** Saves a conversation (an empty one is not listed until its first question), as the open one unless told otherwise. */
  save(conversation: Conversation, isOpen = true): void {
    if (this.removed.has(conversation.id)) return;
    if (isOpen) this.currentId = conversation.id;
    const others = this.conversations.filter((known) => known.id !== conversation.id);
    this.conversations = conversation.exchanges.length > 0 ? [conversation, ...others] : others;
    this.write();
  }

  open(id: string | null): void {
    this.currentId = id;
    this.write();
  }

  remove(id: string): void {
    this.removed.add(id);
    this.conversations = this.conversations.filter((conversation) => conversation.id !== id);
    if (this.currentId === id) this.currentId = null;
    this.write();
  }

  /** Calls back when another tab of this site changed the kept conversations (then read again). */
  onChange(changed: () => void): void {
    window.addEventListener('storage', (event) => {
      if (event.key !== STORAGE_KEY) return;
      this.conversations = this.merged(this.read().conversations);
      changed();
    });
  }

  /** This tab's conversations with another tab's: for each one, the latest saved wins; deleted ones stay deleted. */
  private merged(stored: Conversation[]): Conversation[] {
    const byId = new Map<string, Conversation>();
    for (const conversation of [...stored, ...this.conversations]) {
      if (this.removed.has(conversation.id)) continue;
      const known = byId.get(conversation.id);
      if (!known || conversation.updatedAt >= known.updatedAt) byId.set(conversation.id, conversation);
    }
    return [...byId.values()];
  }

  private read(): Stored {
    const empty: Stored = { version: VERSION, currentId: null, conversations: [] };
    const raw = this.storage?.getItem(STORAGE_KEY);
    if (!raw) return empty;
    try {
      const parsed = JSON.parse(raw) as Partial<Stored>;
      if (parsed.version !== VERSION || !Array.isArray(parsed.conversations)) throw new Error('other version');
      const conversations = parsed.conversations.filter(isConversation);
      return { version: VERSION, currentId: typeof parsed.currentId === 'string' ? parsed.currentId : null, conversations };
    } catch {
      try {
        this.storage?.setItem(`${STORAGE_KEY}:unreadable`, raw);
      } catch {
        // No room to set it aside: it is dropped when this tab next saves.
      }
      return empty;
    }
  }

  /** Keeps the newest conversations that fit the cap; a conversation too big alone loses its oldest exchanges. */
  private write(): void {
    if (!this.storage) return;
    // Another tab may have saved since this one read: its conversations are kept too.
    this.conversations = this.merged(this.read().conversations);
    let kept = this.list().slice(0, MAX_CONVERSATIONS);
    let text = this.serialise(kept);
    while (text.length > MAX_STORED_CHARACTERS && kept.length > 1) {
      kept = kept.slice(0, -1);
      text = this.serialise(kept);
    }
    while (text.length > MAX_STORED_CHARACTERS && kept[0] && kept[0].exchanges.length > 1) {
      kept = [{ ...kept[0], exchanges: kept[0].exchanges.slice(1) }];
      text = this.serialise(kept);
    }
    this.conversations = kept;
    try {
      this.storage.setItem(STORAGE_KEY, text);
    } catch {
      // Storage full or refused (private browsing): the thread stays on screen, unsaved.
    }
  }

  private serialise(conversations: Conversation[]): string {
    return JSON.stringify({ version: VERSION, currentId: this.currentId, conversations } satisfies Stored);
  }
}

function isConversation(value: unknown): value is Conversation {
  const conversation = value as Conversation;
  return (
    typeof conversation === 'object' &&
    conversation !== null &&
    typeof conversation.id === 'string' &&
    typeof conversation.updatedAt === 'number' &&
    Array.isArray(conversation.exchanges) &&
    conversation.exchanges.every((exchange) => typeof exchange?.question === 'string' && typeof exchange.text === 'string')
  );
}

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

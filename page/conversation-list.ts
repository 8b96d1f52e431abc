import { conversationTitle, type ConversationStore } from './conversation-store.js';
import { byId, h } from './dom.js';
import { frenchWhen } from './french.js';

/** The earlier conversations, newest first: each opens again or is deleted. */
export function renderConversationList(store: ConversationStore, open: (id: string) => void, remove: (id: string) => void): void {
  const list = byId('conversation-list');
  const conversations = store.list();
  byId('no-conversations').hidden = conversations.length > 0;
  list.replaceChildren(
    ...conversations.map((conversation) => {
      const title = conversationTitle(conversation);
      const current = conversation.id === store.currentId;
      const openButton = h('button', { type: 'button', class: 'conversation-open', 'aria-current': current ? 'true' : undefined }, h('span', { class: 'conversation-title' }, title), h('span', { class: 'conversation-date' }, frenchWhen(conversation.updatedAt)));
      openButton.addEventListener('click', () => open(conversation.id));
      const deleteButton = h('button', { type: 'button', class: 'conversation-delete', 'aria-label': `Supprimer la conversation « ${title} »`, title: 'Supprimer' }, '×');
      deleteButton.addEventListener('click', () => remove(conversation.id));
      return h('li', {}, openButton, deleteButton);
    }),
  );
}

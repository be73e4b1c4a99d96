import { Inject, Injectable } from '@nestjs/common';
import type { DescMessage } from '@bufbuild/protobuf';
import type { EntityManager } from 'typeorm';
import type { DocumentChange, DocumentDefinition } from './document-definition';

/** Runs in the transaction that applies the versions: what it writes commits with them. */
export type ChangeListener<Desc extends DescMessage> = (
  changes: readonly DocumentChange<Desc>[],
  tx: EntityManager,
) => Promise<void>;

interface Entry {
  definition: DocumentDefinition;
  listeners: ChangeListener<DescMessage>[];
}

export const DOCUMENT_DEFINITIONS = Symbol('DOCUMENT_DEFINITIONS');

/**
 * The documents of the federation, and who at this node listens to their changes. Listeners
 * register while their modules initialise, before the inbox runs.
 */
@Injectable()
export class DocumentCatalog {
  private readonly entries = new Map<string, Entry>();

  constructor(@Inject(DOCUMENT_DEFINITIONS) definitions: readonly DocumentDefinition[]) {
    for (const definition of definitions) {
      if (this.entries.has(definition.name)) throw new Error(`two documents are named ${definition.name}`);
      this.entries.set(definition.name, { definition, listeners: [] });
    }
  }

  /** Called, in the applying transaction, with every version newly applied at this node. */
  onChanged<Desc extends DescMessage>(
    definition: DocumentDefinition<Desc>,
    listener: ChangeListener<Desc>,
  ): void {
    this.known(definition).listeners.push(listener);
  }

  /** The entry of a document the node was composed with; anything else is a wiring mistake. */
  known(definition: DocumentDefinition<DescMessage>): Entry {
    const entry = this.entries.get(definition.name);
    if (!entry || entry.definition !== definition) {
      throw new Error(
        `document ${definition.name} is not among the node's documents (DocumentsModule.forRoot)`,
      );
    }
    return entry;
  }

  find(name: string): DocumentDefinition | undefined {
    return this.entries.get(name)?.definition;
  }

  definitions(): DocumentDefinition[] {
    return [...this.entries.values()].map((e) => e.definition);
  }

  async notify(name: string, changes: readonly DocumentChange[], tx: EntityManager): Promise<void> {
    for (const listener of this.entries.get(name)?.listeners ?? []) await listener(changes, tx);
  }
}

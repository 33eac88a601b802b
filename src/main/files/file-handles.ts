import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { ApiFailure } from '../api/failure.js';

/** What a native dialog chose: a file to write (Save) or to read (Open). */
export interface FileChoice {
  path: string;
  mode: 'save' | 'open';
}

/** A chosen file as a job uses it: its path and the name the person sees. */
export interface ChosenFile extends FileChoice {
  name: string;
}

/** How long a handle stays valid: long enough for the person to go through a wizard. */
const lifetimeMs = 60 * 60 * 1000;

/** Why a handle is refused. */
export const fileHandleInvalid = 'FILE_HANDLE_INVALID';

/**
 * Handles to files the desktop shell's native dialogs chose. The renderer only ever holds the handle (random, 32
 * characters): the path stays in the server, a handle is good for its mode only and is used up by the job that
 * reads or writes the file (file.inspect only peeks), and a path given instead is simply not a handle.
 */
export class FileHandles {
  readonly #choices = new Map<string, { choice: ChosenFile; expires: number }>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Issues a handle for a dialog's choice. */
  issue(choice: FileChoice): string {
    this.#sweep();
    const handle = randomBytes(24).toString('base64url');
    this.#choices.set(handle, { choice: { ...choice, name: basename(choice.path) }, expires: this.#now() + lifetimeMs });
    return handle;
  }

  /** The choice behind a handle, left usable (to read a file's first bytes before the import). */
  peek(handle: string, mode: FileChoice['mode']): ChosenFile {
    const entry = this.#choices.get(handle);
    if (!entry || entry.expires < this.#now() || entry.choice.mode !== mode) {
      throw new ApiFailure(fileHandleInvalid, `That file is not one chosen in the ${mode === 'save' ? 'Save' : 'Open'} dialog, or it was used already. Choose the file again.`);
    }
    return entry.choice;
  }

  /** The choice behind a handle, used up. */
  take(handle: string, mode: FileChoice['mode']): ChosenFile {
    const choice = this.peek(handle, mode);
    this.#choices.delete(handle);
    return choice;
  }

  #sweep(): void {
    const now = this.#now();
    for (const [handle, entry] of this.#choices) if (entry.expires < now) this.#choices.delete(handle);
  }
}

// The narrow face of the API server that the resource functions depend on. KubeClient implements it;
// nothing outside kube/ builds a path or calls request/list directly.

export type Query = Record<string, string | number | boolean | undefined>;

/**
 * What a request does, in words for its error message ("list pods in namespace shop"): a function builds them from
 * the catalogs only when an error is shown, so a run without errors never pays for it.
 */
export type Action = string | (() => string);

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  contentType?: string;
  /** Human words for error messages, e.g. "patch hpa shop/web". */
  action?: Action;
  accept?: string;
}

/** Ask for metadata only (names, labels, owners): a fraction of the bytes of whole objects. */
export const metadataOnly = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

export interface ListOptions {
  accept?: string;
  labelSelector?: string | undefined;
  fieldSelector?: string | undefined;
  pageSize?: number;
  action?: Action;
}

export interface ListResult<T> {
  items: T[];
  resourceVersion: string;
}

export interface KubeApi extends KubeWatchApi {
  /** Base URL of the API server, without a trailing slash. */
  readonly server: string;
  readonly contextName: string;
  /** One request; failures come back as a UserError with a hint and an exit code. */
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  /** A paginated LIST; `project` trims each item as its page arrives. */
  list<T, R = T>(path: string, options?: ListOptions, project?: (item: T) => R): Promise<ListResult<R>>;
}

/** One line of a watch stream: an object that changed, a bookmark (only a newer resourceVersion) or an error Status. */
export interface WatchEvent<T> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
}

export interface WatchOptions {
  /** Where to start: the resourceVersion of the LIST (or of the last event) this watch continues. */
  resourceVersion: string;
  labelSelector?: string | undefined;
  fieldSelector?: string | undefined;
  /** The server closes the stream after this long; the caller then watches again from where it was. */
  timeoutSeconds?: number;
  /** Aborting ends the stream quietly. */
  signal?: AbortSignal | undefined;
  action?: Action;
}

export interface KubeWatchApi {
  /**
   * A streaming GET with watch=true and bookmarks. Ends when the server closes the stream (its timeout) or the
   * signal aborts; a 410 Gone is thrown as KubeApiError (the caller lists again), other failures as UserError.
   */
  watch<T>(path: string, options: WatchOptions): AsyncIterable<WatchEvent<T>>;
}

// The narrow face of the API server that the resource functions depend on. KubeClient implements it;
// nothing outside kube/ builds a path or calls request/list directly.

export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  contentType?: string;
  /** Human words for error messages, e.g. "patch hpa shop/web". */
  action?: string;
  accept?: string;
}

/** Ask for metadata only (names, labels, owners): a fraction of the bytes of whole objects. */
export const metadataOnly = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

export interface ListOptions {
  accept?: string;
  labelSelector?: string | undefined;
  fieldSelector?: string | undefined;
  pageSize?: number;
  action?: string;
}

export interface ListResult<T> {
  items: T[];
  resourceVersion: string;
}

export interface KubeApi {
  /** Base URL of the API server, without a trailing slash. */
  readonly server: string;
  readonly contextName: string;
  /** One request; failures come back as a UserError with a hint and an exit code. */
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  /** A paginated LIST; `project` trims each item as its page arrives. */
  list<T, R = T>(path: string, options?: ListOptions, project?: (item: T) => R): Promise<ListResult<R>>;
}

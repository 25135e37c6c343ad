/**
 * The ring client: connection, calls and store, without React.
 *
 * @packageDocumentation
 */
export type {
  AcceptOptions,
  BackoffOptions,
  CallMessage,
  CallOptions,
  CallStatus,
  CallTimeouts,
  ConnectionStatus,
  CurrentCall,
  JsonValue,
  MissedCall,
  RemoteMediaState,
  RingClient,
  RingClientEvents,
  RingClientOptions,
  RingClientSnapshot,
  WatchedPresence,
} from './client/types.js';

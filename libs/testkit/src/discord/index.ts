export { FakeDiscord } from './fake-discord';
export type {
  FakeDiscordOptions,
  InteractionCallbackBody,
  InteractionHandle,
  RecordedMessageBody,
  VoiceOpRecord,
  WaitOptions,
} from './fake-discord';
export type { OAuthAuthorizeInput, OAuthExtraGuild, OAuthTokenExchange } from './fake-oauth';
export type { GatewaySession, IdentifyRecord, ReceivedGatewayPayload } from './fake-gateway';
export type { RecordedRequest } from './fake-rest';
export type { AutocompleteInput, ButtonInput, OptionInput, OptionValue, SlashCommandInput } from './interactions';
export { ALL_PERMISSIONS, computePermissions } from './payloads';

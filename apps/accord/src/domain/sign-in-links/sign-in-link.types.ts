/** Who a sign-in link signs in, and where: what the member's interaction told about them. */
export interface SignInGrant {
  userId: string;
  username: string;
  avatarUrl: string | null;
  guildId: string;
  /** Their permissions in that guild (decimal string), as Discord's OAuth2 guild list gives them. */
  permissions: string;
  guildOwner: boolean;
}

/** A link just issued: the token goes into the URL once and is never stored or logged. */
export interface IssuedSignInLink {
  token: string;
  expiresAt: Date;
}

/** A fixed ES256 key for tests only (never deployed). */
export const TEST_SIGNING_KEY = {
  kty: "EC",
  x: "Iv67sp8WzWTLo3E1y87GcaTh0lId-9MQkdxHKvobJ2c",
  y: "ttKtRhW3yW1M1-Q6j6XwWrcIsSoiqPDniTn2loIRGv4",
  crv: "P-256",
  d: "V69BWXAyTffuiNLH6-a8kuU776F9f_KqYcJweK2ng7Q",
  kid: "test-key-1",
};

/** The key a rotation moves to (tests only). */
export const TEST_SIGNING_KEY_NEXT = {
  kty: "EC",
  x: "mIn-ALLSGIRVRYR47WjsSSbJdbLXmyBfejI3WQ0oh5k",
  y: "66uHCBIWU-zFZKYMH7OGR7Hgui-9TEIX4i5zLfv1nAw",
  crv: "P-256",
  d: "n6sO1wyg97XYHsDPMEvL-kPAuA6aqP7GTp_YBFBZH6c",
  kid: "test-key-2",
};

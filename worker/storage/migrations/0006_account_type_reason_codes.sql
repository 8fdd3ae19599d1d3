-- Account-type reasons are kept as codes (worker/account-type-reason.ts) and worded
-- in the admin's language when shown. Reasons written as English sentences before this
-- become their codes; anything else is left as it is (and shown as it is). Prefixes are compared
-- with substr: D1 refuses LIKE patterns over 50 characters.
UPDATE memberships SET account_type_reason = CASE
  WHEN account_type_reason = 'Business organization' THEN 'business'
  WHEN account_type_reason = 'Set by an organization admin' THEN 'set_by_admin'
  WHEN account_type_reason = 'Made an organization admin by ThingLink support' THEN 'made_admin_by_support'
  WHEN account_type_reason = 'Joined without a School Data Sync reading (it is read at the next sign-in)' THEN 'joined_unread'
  WHEN account_type_reason = 'Added by an organization admin; School Data Sync is read at their next sign-in' THEN 'added_by_admin'
  WHEN account_type_reason = 'Joined by request; School Data Sync is read at their next sign-in' THEN 'joined_by_request'
  WHEN account_type_reason = 'Microsoft Graph could not be reached' THEN 'graph_unreachable'
  WHEN account_type_reason = 'Microsoft Graph was busy (429)' THEN 'graph_busy'
  WHEN account_type_reason = 'Microsoft Graph refused the roster read (403)' THEN 'graph_refused'
  WHEN account_type_reason = 'A different Microsoft account answered the roster read' THEN 'roster_other_account'
  WHEN account_type_reason = 'Microsoft sent no access token for the roster read' THEN 'roster_no_token'
  WHEN account_type_reason = 'Microsoft could not be reached for the roster read' THEN 'roster_unreachable'
  WHEN substr(account_type_reason, 1, 30) = 'School Data Sync primaryRole: '
    THEN 'sds_role:' || substr(account_type_reason, 31)
  WHEN substr(account_type_reason, 1, 39) = 'No School Data Sync role (primaryRole: ' AND substr(account_type_reason, -1) = ')'
    THEN 'no_sds_role:' || substr(account_type_reason, 40, length(account_type_reason) - 40)
  WHEN substr(account_type_reason, 1, 38) = 'Microsoft Graph did not answer within ' AND substr(account_type_reason, -2) = ' s'
    THEN 'graph_timeout:' || substr(account_type_reason, 39, length(account_type_reason) - 40)
  WHEN substr(account_type_reason, 1, 32) = 'No School Data Sync data (Graph ' AND substr(account_type_reason, -1) = ')'
    THEN 'no_sds_data:' || substr(account_type_reason, 33, length(account_type_reason) - 33)
  WHEN substr(account_type_reason, 1, 25) = 'Microsoft Graph answered '
    THEN 'graph_status:' || substr(account_type_reason, 26)
  WHEN substr(account_type_reason, 1, 50) = 'Microsoft did not grant the roster read silently (' AND substr(account_type_reason, -1) = ')'
    THEN 'roster_not_silent:' || substr(account_type_reason, 51, length(account_type_reason) - 51)
  ELSE account_type_reason
END
WHERE account_type_reason IS NOT NULL;

/** Who may read what, decided here and nowhere else. */
export { anonymousViewer, publicViewer, systemViewer, viewerFor, type TopicRef, type Viewer, type ViewerKind, type ViewerOptions } from './viewer.js';
export { canReadCuration, canReadDigestIssue, canReadItem, canReadTopic, canSeeSourceSecrets, curatesTopic, isSignedIn, redactUrl } from './rule.js';
export { accessParams, curationReadableSql, itemReadableSql, sourceReadableSql, topicCuratedSql, topicReadableSql, type AccessParams } from './sql.js';
export { curationScopes, meiliReadableFilter, meiliSignalFilter, meiliTagFilter, readableApproval, readableSignal, readableTags } from './search-filter.js';
export { viewerForUserId } from './job-viewer.js';

// Migration 2: deleting a project moves it to the trash first, so the user can undo it.
export const up = `
ALTER TABLE projects ADD COLUMN deleted_at INTEGER;
CREATE INDEX projects_deleted ON projects (deleted_at);
`;

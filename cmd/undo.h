/*
 * undo.h: putting a command back, shared by circle undo and circle
 * attend undo (undo.c).
 */
#ifndef CIRCLE_CMD_UNDO_H
#define CIRCLE_CMD_UNDO_H

int	 tool_undo(struct tool *, long long, const char *, int);

#endif

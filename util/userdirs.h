/* The user's documents folder, where a report is offered to be written. It
 * is read from the XDG user-dirs file ($XDG_CONFIG_HOME/user-dirs.dirs,
 * else ~/.config/user-dirs.dirs) rather than by running xdg-user-dir: that
 * command is a shell script that sources the same file (running whatever it
 * holds) and is often not installed on the servers carnet runs on, and a
 * program started from the terminal application would have to be waited
 * for. Reading the file gives the same answer without either. */
#ifndef CARNET_UTIL_USERDIRS_H
#define CARNET_UTIL_USERDIRS_H

/* The folder of XDG_<name>_DIR in text (the content of a user-dirs.dirs
 * file: lines NAME="VALUE", # comments), with a leading $HOME replaced by
 * home and backslash escapes undone, as xdg-user-dirs writes them; NULL when
 * the line is missing, or its value is neither absolute nor under $HOME (the
 * only two forms the format allows). The caller frees it. Pure. */
char *userdirs_parse(const char *text, const char *name, const char *home);

/* The documents folder: XDG_DOCUMENTS_DIR when it names an existing
 * folder, else $HOME, else ".". Never NULL; the caller frees it. */
char *userdirs_documents(void);

#endif

-- For Neovim 0.11 and later without the plugin's setup():
--   vim.lsp.enable("clerk")
-- (this file is found on the runtimepath as lsp/clerk.lua). Override any
-- field with vim.lsp.config("clerk", { ... }).
return {
  cmd = { "clerk", "lsp" },
  filetypes = { "minutes" },
  root_markers = { "clerk.toml", ".git" },
  init_options = vim.empty_dict(),
}

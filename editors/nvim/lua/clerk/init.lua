-- clerk for Neovim: starts `clerk lsp` for minutes buffers.
--
--   require("clerk").setup()                        -- every option is optional
--   require("clerk").setup({
--     cmd = { "clerk", "lsp" },                     -- how to start the server
--     filetypes = { "minutes" },                    -- buffers it checks
--     root_markers = { "clerk.toml", ".git" },      -- the nearest one is the root
--     settings = { ignore = { "P001" } },           -- or select = { "A001", ... }
--     on_attach = function(client, bufnr) end,
--     capabilities = nil,                           -- e.g. from cmp_nvim_lsp
--   })
--
-- Works on Neovim 0.7 (vim.lsp.start_client + vim.lsp.buf_attach_client) and
-- on 0.8 and later (vim.lsp.start), which is why it avoids vim.fs and other
-- newer helpers.

local M = {}

local defaults = {
  cmd = { "clerk", "lsp" },
  filetypes = { "minutes" },
  root_markers = { "clerk.toml", ".git" },
  settings = {},
  on_attach = nil,
  capabilities = nil,
}

-- The options in force once setup() has run.
M.options = nil

-- Clients started on Neovim 0.7, by root folder, so that every minutes file
-- under one clerk.toml shares one server as it does on newer versions.
local clients_by_root = {}
local warned_missing = false

local function merged(options)
  local result = {}
  for key, value in pairs(defaults) do
    result[key] = value
  end
  for key, value in pairs(options or {}) do
    result[key] = value
  end
  return result
end

-- The folder of the nearest root marker above `path`, or nil. Every marker
-- is tried at each level, so a clerk.toml inside a git repository wins over
-- the repository's top.
function M.find_root(path, markers)
  local dir = vim.fn.fnamemodify(path, ":p:h")
  while true do
    for _, marker in ipairs(markers) do
      if vim.loop.fs_stat(dir .. "/" .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then
      return nil
    end
    dir = parent
  end
end

-- The settings as the server reads them: a JSON object even when empty (an
-- empty Lua table would be sent as []), and no empty select, which the server
-- would read as "run no check" rather than "every check".
local function as_object(settings)
  local result = {}
  for key, value in pairs(settings or {}) do
    if not (key == "select" and type(value) == "table" and next(value) == nil) then
      result[key] = value
    end
  end
  if next(result) == nil then
    return vim.empty_dict()
  end
  return result
end

local function server_missing(cmd)
  if vim.fn.executable(cmd[1]) == 1 then
    return false
  end
  if not warned_missing then
    warned_missing = true
    vim.notify(
      ("clerk: cannot check these minutes: the program %q was not found. "
        .. "Install it with `cargo install --path .` in the clerk repository, "
        .. "or give its full path: require(\"clerk\").setup({ cmd = { \"/path/to/clerk\", \"lsp\" } })"):format(cmd[1]),
      vim.log.levels.ERROR
    )
  end
  return true
end

-- The client configuration for a buffer.
function M.client_config(bufnr)
  local options = M.options or merged({})
  local path = vim.api.nvim_buf_get_name(bufnr)
  local root = M.find_root(path, options.root_markers) or vim.fn.fnamemodify(path, ":p:h")
  return {
    name = "clerk",
    cmd = options.cmd,
    root_dir = root,
    init_options = as_object(options.settings),
    settings = { clerk = as_object(options.settings) },
    on_attach = options.on_attach,
    capabilities = options.capabilities,
  }
end

-- Starts (or reuses) the server for the buffer and attaches it. Returns the
-- client id, or nil when the server cannot be started.
function M.start(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local config = M.client_config(bufnr)
  if server_missing(config.cmd) then
    return nil
  end
  if vim.lsp.start then
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  local client_id = clients_by_root[config.root_dir]
  local client = client_id and vim.lsp.get_client_by_id(client_id)
  if client == nil or client.is_stopped() then
    client_id = vim.lsp.start_client(config)
    if client_id == nil then
      return nil
    end
    clients_by_root[config.root_dir] = client_id
  end
  vim.lsp.buf_attach_client(bufnr, client_id)
  return client_id
end

local function is_checked(bufnr)
  local filetype = vim.bo[bufnr].filetype
  for _, wanted in ipairs(M.options.filetypes) do
    if filetype == wanted then
      return true
    end
  end
  return false
end

-- Stops every clerk server and starts them again for the open minutes.
function M.restart()
  local all_clients = vim.lsp.get_clients or vim.lsp.get_active_clients -- 0.10 renamed it
  for _, client in pairs(all_clients()) do
    if client.name == "clerk" then
      client.stop()
    end
  end
  clients_by_root = {}
  vim.defer_fn(function()
    for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(bufnr) and is_checked(bufnr) then
        M.start(bufnr)
      end
    end
  end, 500)
end

function M.setup(options)
  M.options = merged(options)
  warned_missing = false
  local group = vim.api.nvim_create_augroup("clerk", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = M.options.filetypes,
    callback = function(args)
      M.start(args.buf)
    end,
  })
  vim.api.nvim_create_user_command("ClerkRestart", M.restart, {
    desc = "Restart the clerk minutes checker",
  })
  -- Minutes opened before setup() ran.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and is_checked(bufnr) then
      M.start(bufnr)
    end
  end
end

return M

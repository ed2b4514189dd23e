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
--
-- In a minutes buffer with clerk attached, the plugin sets what Neovim 0.7
-- does not set by itself: `omnifunc` (so <C-x><C-o> completes names, with
-- the role on a first mention) and `K` (hover). It leaves `formatexpr`
-- alone, so `gq` still wraps prose by 'textwidth'.

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

-- The byte column of `character` (counted in the server's position
-- encoding) on `line`. Written out rather than vim.str_byteindex, whose
-- arguments changed in Neovim 0.11.
local function byte_column(line, character, encoding)
  if encoding == "utf-8" then
    return math.min(character, #line)
  end
  local units, at = 0, 1
  while at <= #line and units < character do
    local byte = line:byte(at)
    local length = byte >= 0xF0 and 4 or byte >= 0xE0 and 3 or byte >= 0xC0 and 2 or 1
    -- A character beyond the Basic Multilingual Plane takes two UTF-16 units.
    units = units + ((encoding ~= "utf-32" and length == 4) and 2 or 1)
    at = at + length
  end
  return at - 1
end

-- The text a completion item inserts: its edit's text, with any snippet
-- tab stops ("${1:Title}", "$0") reduced to their placeholder text.
local function inserted_text(item)
  local text = (item.textEdit and item.textEdit.newText) or item.insertText or item.label
  if item.insertTextFormat == 2 then
    text = text:gsub("%${%d+:([^}]*)}", "%1"):gsub("%${%d+}", ""):gsub("%$%d+", "")
  end
  return text
end

-- Completion for <C-x><C-o>, asked of clerk and answered when it replies,
-- as Neovim's own omnifunc does. Unlike Neovim 0.7's, it inserts from
-- where clerk's edit starts (the title, after "Ms Jor") and keeps the
-- items whose filter text starts with what was typed from there, so that a
-- first mention becomes "Ms Brigitte Jordaan, Operational Director," on
-- every version. Multi-line snippets (a RESOLVED block) are left to
-- editors with snippet support.
function M.omnifunc(findstart, _)
  if findstart == 0 then
    -- Never reached: the items come from the reply below.
    return {}
  end
  local bufnr = vim.api.nvim_get_current_buf()
  local clerk
  -- vim.lsp.get_clients is 0.10's name; 0.7 has buf_get_clients.
  local clients = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr })
    or vim.lsp.buf_get_clients(bufnr)
  for _, client in pairs(clients) do
    if client.name == "clerk" then
      clerk = client
    end
  end
  if clerk == nil then
    return -3 -- leave completion, saying nothing: clerk is not running here
  end
  local row, cursor = unpack(vim.api.nvim_win_get_cursor(0))
  local line = vim.api.nvim_get_current_line()
  local encoding = clerk.offset_encoding or "utf-16"
  local params = vim.lsp.util.make_position_params(0, encoding)
  vim.lsp.buf_request(bufnr, "textDocument/completion", params, function(err, result, context)
    if context.client_id ~= clerk.id or err or not result or vim.fn.mode() ~= "i" then
      return
    end
    local now_row, now_cursor = unpack(vim.api.nvim_win_get_cursor(0))
    if now_row ~= row or now_cursor ~= cursor then
      return -- the clerk has typed on: this answer is for text now gone
    end
    local items = result.items or result
    local start = vim.fn.match(line:sub(1, cursor), "\\k*$")
    for _, item in ipairs(items) do
      local range = item.textEdit and (item.textEdit.range or item.textEdit.insert)
      if range and range.start.line == row - 1 then
        start = math.min(start, byte_column(line, range.start.character, encoding))
      end
    end
    local typed = line:sub(start + 1, cursor):lower()
    local matches = {}
    for _, item in ipairs(items) do
      local word = inserted_text(item)
      local filter = (item.filterText or item.label):lower()
      if not word:find("\n") and filter:sub(1, #typed) == typed then
        table.insert(matches, {
          word = word,
          abbr = item.label,
          menu = item.detail or "",
          icase = 1,
          dup = 1,
          empty = 1,
        })
      end
    end
    vim.fn.complete(start + 1, matches)
  end)
  -- Stay in completion mode until the reply comes.
  return -2
end

-- What the plugin sets in a minutes buffer once clerk is attached to it.
local function set_up_buffer(bufnr)
  local omnifunc = vim.bo[bufnr].omnifunc
  if omnifunc == "" or omnifunc == "v:lua.vim.lsp.omnifunc" then
    vim.bo[bufnr].omnifunc = "v:lua.require'clerk'.omnifunc"
  end
  -- K reads the hover, in this buffer only, unless the user mapped K here.
  if vim.fn.maparg("K", "n", false, true).buffer ~= 1 then
    vim.keymap.set("n", "K", vim.lsp.buf.hover, { buffer = bufnr, desc = "clerk: explain what is under the cursor" })
  end
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
    on_attach = function(client, attached)
      set_up_buffer(attached)
      if options.on_attach then
        options.on_attach(client, attached)
      end
    end,
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

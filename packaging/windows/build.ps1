# Build the Windows setup program: PyInstaller folder, self-test of it, then Inno Setup.
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
# Needs: Python 3.11+ (python.org, "py" launcher), Inno Setup 6 (iscc.exe on PATH or in its default
# folder), and the tokenizer vocabularies: ..\shared\tiktoken, $env:FINETUNE_SHARED_DIR\tiktoken, or a
# tiktoken cache that already holds them ($env:TIKTOKEN_CACHE_DIR, else %TEMP%\data-gym-cache).
# Output: dist\finetune-desktop\ and dist\finetune-desktop-<version>-windows-x64-setup.exe.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

function Invoke-Checked {
    param([string]$Exe, [string[]]$Arguments)
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

if (-not (Test-Path ".venv\Scripts\python.exe")) { Invoke-Checked "py" @("-3", "-m", "venv", ".venv") }
$py = (Resolve-Path ".venv\Scripts\python.exe").Path
Invoke-Checked $py @("-m", "pip", "install", "-q", "--upgrade", "pip")
Invoke-Checked $py @("-m", "pip", "install", "-q", "-e", ".[build]")
$version = (& $py -c "from finetune_desktop.core.about import app_version; print(app_version())").Trim()
Write-Host "== building Finetune Desktop $version for Windows"

# 1. tokenizer vocabularies under tiktoken's cache names
$vocab = "build\vocab"
if (Test-Path $vocab) { Remove-Item -Recurse -Force $vocab }
$sources = @()
if ($env:FINETUNE_SHARED_DIR) { $sources += (Join-Path $env:FINETUNE_SHARED_DIR "tiktoken") }
$sources += "..\shared\tiktoken"
if ($env:TIKTOKEN_CACHE_DIR) { $sources += $env:TIKTOKEN_CACHE_DIR } else { $sources += (Join-Path $env:TEMP "data-gym-cache") }
foreach ($src in $sources) {
    if (Test-Path $src) { Invoke-Checked $py @("-m", "finetune_desktop.core.tokens.vocab_cache", $vocab, $src) }
}
foreach ($enc in @("o200k_base", "cl100k_base")) {
    $name = (& $py -c "from finetune_desktop.core.tokens.vocab_cache import cache_name; print(cache_name('$enc'))").Trim()
    if (-not (Test-Path (Join-Path $vocab $name))) {
        throw "No $enc vocabulary found in $($sources -join ', '): the app would only estimate token counts."
    }
}

# 2. icons and the PyInstaller folder
Invoke-Checked $py @("packaging\make_icons.py", "build\icons")
$env:FINETUNE_VOCAB_DIR = (Resolve-Path $vocab).Path
$env:FINETUNE_ICON = (Resolve-Path "build\icons\finetune-desktop.ico").Path
if (Test-Path "dist\finetune-desktop") { Remove-Item -Recurse -Force "dist\finetune-desktop" }
Invoke-Checked $py @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
    "--distpath", "dist", "--workpath", "build\pyinstaller", "packaging\pyinstaller\finetune-desktop.spec")

# 3. the built folder must work before it is packed (Credential Manager is the keyring here)
$cli = "dist\finetune-desktop\finetune-desktop-cli.exe"
Invoke-Checked $cli @("--version")
Invoke-Checked $cli @("--self-test")
Invoke-Checked $cli @("check", "dist\finetune-desktop\_internal\resources\samples\micro_fiction_en_zh.jsonl")

# 4. the setup program
$iscc = (Get-Command "iscc.exe" -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe" }
if (-not (Test-Path $iscc)) { throw "Inno Setup 6 (ISCC.exe) not found: install it from https://jrsoftware.org/isdl.php" }
Invoke-Checked $iscc @("/Qp", "/DAppVersion=$version",
    "/DSourceDir=$((Resolve-Path 'dist\finetune-desktop').Path)",
    "/DIconFile=$env:FINETUNE_ICON", "/DOutputDir=$((Resolve-Path 'dist').Path)",
    "packaging\windows\finetune-desktop.iss")
Write-Host "== dist\finetune-desktop-$version-windows-x64-setup.exe"

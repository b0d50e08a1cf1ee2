
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'certsmith' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'certsmith'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'certsmith' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('initca', 'initca', [CompletionResultType]::ParameterValue, 'Make a self-signed CA certificate and its key: {"cert","csr","key"}')
            [CompletionResult]::new('genkey', 'genkey', [CompletionResultType]::ParameterValue, 'Make a private key and a CSR for it: {"csr","key"}')
            [CompletionResult]::new('csr', 'csr', [CompletionResultType]::ParameterValue, 'Make a CSR for an existing key: {"csr"}')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Sign a CSR ({"cert","csr"}), or make and sign a key from a CSR JSON ({"cert","csr","key"})')
            [CompletionResult]::new('split-json', 'split-json', [CompletionResultType]::ParameterValue, 'Write the parts of cfssl JSON to NAME.pem, NAME-key.pem (0600), NAME.csr, …')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write shell completions and man pages into a directory (for packagers)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certsmith;initca' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config JSON whose profile shapes the root (default: built-in)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'CA profile to use from the config (default: a 43800h root)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certsmith;genkey' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certsmith;csr' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key to make the request for')
            [CompletionResult]::new('--from-cert', '--from-cert', [CompletionResultType]::ParameterName, 'Take subject and SANs from this certificate instead of a CSR JSON')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certsmith;sign' {
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'The issuing CA''s certificate')
            [CompletionResult]::new('--ca-key', '--ca-key', [CompletionResultType]::ParameterName, 'The issuing CA''s private key')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config JSON with signing profiles (default: built-in)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Signing profile (default: the config''s default profile)')
            [CompletionResult]::new('--hostname', '--hostname', [CompletionResultType]::ParameterName, 'Replace the request''s SANs: comma-separated DNS names, IPs, emails, URIs')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Refuse, instead of clamping, a validity that would outlive the CA')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certsmith;split-json' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The JSON to split (default: stdin)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The JSON to split (default: stdin)')
            [CompletionResult]::new('--bare', '--bare', [CompletionResultType]::ParameterName, 'Accepted for cfssljson compatibility: both shapes are always read')
            [CompletionResult]::new('--stdout', '--stdout', [CompletionResultType]::ParameterName, 'Print the PEM parts on stdout instead of writing files')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing key file that holds a different key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'certsmith;generate' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'certsmith;help' {
            [CompletionResult]::new('initca', 'initca', [CompletionResultType]::ParameterValue, 'Make a self-signed CA certificate and its key: {"cert","csr","key"}')
            [CompletionResult]::new('genkey', 'genkey', [CompletionResultType]::ParameterValue, 'Make a private key and a CSR for it: {"csr","key"}')
            [CompletionResult]::new('csr', 'csr', [CompletionResultType]::ParameterValue, 'Make a CSR for an existing key: {"csr"}')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Sign a CSR ({"cert","csr"}), or make and sign a key from a CSR JSON ({"cert","csr","key"})')
            [CompletionResult]::new('split-json', 'split-json', [CompletionResultType]::ParameterValue, 'Write the parts of cfssl JSON to NAME.pem, NAME-key.pem (0600), NAME.csr, …')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write shell completions and man pages into a directory (for packagers)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certsmith;help;initca' {
            break
        }
        'certsmith;help;genkey' {
            break
        }
        'certsmith;help;csr' {
            break
        }
        'certsmith;help;sign' {
            break
        }
        'certsmith;help;split-json' {
            break
        }
        'certsmith;help;generate' {
            break
        }
        'certsmith;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}

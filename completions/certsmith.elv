
use builtin;
use str;

set edit:completion:arg-completer[certsmith] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'certsmith'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'certsmith'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand initca 'Make a self-signed CA certificate and its key: {"cert","csr","key"}'
            cand genkey 'Make a private key and a CSR for it: {"csr","key"}'
            cand csr 'Make a CSR for an existing key: {"csr"}'
            cand sign 'Sign a CSR ({"cert","csr"}), or make and sign a key from a CSR JSON ({"cert","csr","key"})'
            cand split-json 'Write the parts of cfssl JSON to NAME.pem, NAME-key.pem (0600), NAME.csr, …'
            cand generate 'Write shell completions and man pages into a directory (for packagers)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certsmith;initca'= {
            cand --config 'Config JSON whose profile shapes the root (default: built-in)'
            cand --profile 'CA profile to use from the config (default: a 43800h root)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'certsmith;genkey'= {
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'certsmith;csr'= {
            cand --key 'The private key to make the request for'
            cand --from-cert 'Take subject and SANs from this certificate instead of a CSR JSON'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'certsmith;sign'= {
            cand --ca 'The issuing CA''s certificate'
            cand --ca-key 'The issuing CA''s private key'
            cand --config 'Config JSON with signing profiles (default: built-in)'
            cand --profile 'Signing profile (default: the config''s default profile)'
            cand --hostname 'Replace the request''s SANs: comma-separated DNS names, IPs, emails, URIs'
            cand --strict 'Refuse, instead of clamping, a validity that would outlive the CA'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'certsmith;split-json'= {
            cand -f 'The JSON to split (default: stdin)'
            cand --file 'The JSON to split (default: stdin)'
            cand --bare 'Accepted for cfssljson compatibility: both shapes are always read'
            cand --stdout 'Print the PEM parts on stdout instead of writing files'
            cand --force 'Replace an existing key file that holds a different key'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'certsmith;generate'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'certsmith;help'= {
            cand initca 'Make a self-signed CA certificate and its key: {"cert","csr","key"}'
            cand genkey 'Make a private key and a CSR for it: {"csr","key"}'
            cand csr 'Make a CSR for an existing key: {"csr"}'
            cand sign 'Sign a CSR ({"cert","csr"}), or make and sign a key from a CSR JSON ({"cert","csr","key"})'
            cand split-json 'Write the parts of cfssl JSON to NAME.pem, NAME-key.pem (0600), NAME.csr, …'
            cand generate 'Write shell completions and man pages into a directory (for packagers)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certsmith;help;initca'= {
        }
        &'certsmith;help;genkey'= {
        }
        &'certsmith;help;csr'= {
        }
        &'certsmith;help;sign'= {
        }
        &'certsmith;help;split-json'= {
        }
        &'certsmith;help;generate'= {
        }
        &'certsmith;help;help'= {
        }
    ]
    $completions[$command]
}

//! RFC 7512's examples and the refusals of src/keys/pkcs11/uri.rs.

use super::*;
use crate::Error;

fn problem(text: &str) -> UriProblem {
    match Pkcs11Uri::parse(text) {
        Err(Error::Pkcs11(Pkcs11Error::InvalidUri { problem, .. })) => problem,
        other => panic!("{text}: {other:?}"),
    }
}

#[test]
fn names_token_and_object() {
    let uri = Pkcs11Uri::parse("pkcs11:token=root-ca;object=root-key").unwrap();
    assert_eq!(uri.token.as_deref(), Some("root-ca"));
    assert_eq!(uri.object.as_deref(), Some("root-key"));
    assert_eq!(uri.to_string(), "pkcs11:token=root-ca;object=root-key");
}

#[test]
fn reads_rfc_7512_examples() {
    // RFC 7512 §3.
    let uri = Pkcs11Uri::parse(
        "pkcs11:token=The%20Software%20PKCS%2311%20Softtoken;manufacturer=Snake%20Oil,%20Inc.;model=1.0;object=my-certificate;type=cert;id=%69%95%3E%5C%F4%BD%EC%91;serial=",
    );
    // `serial=` is empty: refused, it would match nothing useful.
    assert!(matches!(
        uri,
        Err(Error::Pkcs11(Pkcs11Error::InvalidUri {
            problem: UriProblem::EmptyValue { .. },
            ..
        }))
    ));
    let uri = Pkcs11Uri::parse(
        "pkcs11:token=The%20Software%20PKCS%2311%20Softtoken;manufacturer=Snake%20Oil,%20Inc.;model=1.0;object=my-certificate;type=cert;id=%69%95%3E%5C%F4%BD%EC%91",
    )
    .unwrap();
    assert_eq!(uri.token.as_deref(), Some("The Software PKCS#11 Softtoken"));
    assert_eq!(uri.manufacturer.as_deref(), Some("Snake Oil, Inc."));
    assert_eq!(uri.model.as_deref(), Some("1.0"));
    assert_eq!(uri.object_type, Some(ObjectType::Cert));
    assert_eq!(
        uri.id.as_deref(),
        Some(&[0x69, 0x95, 0x3e, 0x5c, 0xf4, 0xbd, 0xec, 0x91][..])
    );
    let uri = Pkcs11Uri::parse(
        "pkcs11:object=my-sign-key;type=private?module-path=/mnt/libmypkcs11.so.1&pin-source=file:/etc/token_pin",
    )
    .unwrap();
    assert_eq!(uri.module_path, Some("/mnt/libmypkcs11.so.1".into()));
    assert_eq!(uri.pin_source, Some("/etc/token_pin".into()));
    assert_eq!(uri.object_type, Some(ObjectType::Private));
    assert_eq!(uri.to_string(), "pkcs11:object=my-sign-key;type=private");
    assert_eq!(Pkcs11Uri::parse("pkcs11:").unwrap(), Pkcs11Uri::default());
    // Every reserved character the path grammar allows, unencoded.
    let uri = Pkcs11Uri::parse("pkcs11:token=:[]@!$'()*+,=&").unwrap();
    assert_eq!(uri.token.as_deref(), Some(":[]@!$'()*+,=&"));
    assert_eq!(
        uri.to_string(),
        "pkcs11:token=%3A%5B%5D%40%21%24%27%28%29%2A%2B%2C%3D%26"
    );
}

#[test]
fn scheme_is_case_insensitive_and_names_are_not() {
    assert!(is_pkcs11_uri("PKCS11:token=a"));
    assert!(!is_pkcs11_uri("./pkcs11:token=a"));
    assert_eq!(
        Pkcs11Uri::parse("PkCs11:object=k")
            .unwrap()
            .object
            .as_deref(),
        Some("k")
    );
    assert_eq!(
        problem("pkcs11:Object=k"),
        UriProblem::UnknownAttribute {
            attribute: "Object".into()
        }
    );
    assert_eq!(problem("ca-key.pem"), UriProblem::NotPkcs11);
}

#[test]
fn id_is_raw_bytes_and_displays_fully_encoded() {
    let uri = Pkcs11Uri::parse("pkcs11:id=%01%02;object=a%2Fb").unwrap();
    assert_eq!(uri.id, Some(vec![1, 2]));
    assert_eq!(uri.object.as_deref(), Some("a/b"));
    assert_eq!(uri.to_string(), "pkcs11:object=a%2Fb;id=%01%02");
    let uri = Pkcs11Uri::parse("pkcs11:id=A;slot-id=667394298").unwrap();
    assert_eq!(uri.id, Some(b"A".to_vec()));
    assert_eq!(uri.slot_id, Some(667394298));
    assert_eq!(uri.to_string(), "pkcs11:slot-id=667394298;id=%41");
    // The canonical form reads back as the same URI.
    assert_eq!(Pkcs11Uri::parse(&uri.to_string()).unwrap(), uri);
}

#[test]
fn refuses_bad_percent_encoding_and_characters() {
    for bad in [
        "pkcs11:object=%",
        "pkcs11:object=%4",
        "pkcs11:object=%G1",
        "pkcs11:object=a%+1",
    ] {
        assert_eq!(
            problem(bad),
            UriProblem::BadPercentEncoding {
                attribute: "object".into()
            },
            "{bad}"
        );
    }
    for (bad, character) in [
        ("pkcs11:object=a b", ' '),
        ("pkcs11:object=a/b", '/'),
        ("pkcs11:object=a#b", '#'),
        ("pkcs11:object=é", 'é'),
        ("pkcs11:?module-path=/a\"b", '"'),
    ] {
        assert!(
            matches!(problem(bad), UriProblem::BadCharacter { character: c, .. } if c == character),
            "{bad}"
        );
    }
    assert_eq!(
        problem("pkcs11:object=%FF"),
        UriProblem::NotUtf8 {
            attribute: "object".into()
        }
    );
}

#[test]
fn refuses_unknown_repeated_and_unsupported_attributes() {
    assert_eq!(
        problem("pkcs11:objet=root-key"),
        UriProblem::UnknownAttribute {
            attribute: "objet".into()
        }
    );
    assert_eq!(
        problem("pkcs11:object=a;object=b"),
        UriProblem::DuplicateAttribute {
            attribute: "object".into()
        }
    );
    for name in ["library-version", "slot-description", "x-vendor"] {
        assert_eq!(
            problem(&format!("pkcs11:{name}=1")),
            UriProblem::UnsupportedAttribute {
                attribute: name.into()
            }
        );
    }
    // Query attributes belong in the query, path attributes in the path.
    assert!(matches!(
        problem("pkcs11:module-path=/x.so"),
        UriProblem::WrongPart { .. }
    ));
    assert!(matches!(
        problem("pkcs11:?token=a"),
        UriProblem::WrongPart { .. }
    ));
    assert_eq!(
        problem("pkcs11:token"),
        UriProblem::NoValue {
            attribute: "token".into()
        }
    );
    assert_eq!(
        problem("pkcs11:token=a;;object=b"),
        UriProblem::NoValue {
            attribute: "".into()
        }
    );
    assert_eq!(
        problem("pkcs11:type=key"),
        UriProblem::BadType {
            value: "key".into()
        }
    );
    assert_eq!(
        problem("pkcs11:slot-id=+1"),
        UriProblem::BadSlotId { value: "+1".into() }
    );
    assert_eq!(
        problem(&format!("pkcs11:token={}", "a".repeat(33))),
        UriProblem::TooLong {
            attribute: "token".into(),
            max: 32
        }
    );
    assert!(Pkcs11Uri::parse(&format!("pkcs11:token={}", "a".repeat(32))).is_ok());
}

#[test]
fn attributes_on_the_wrong_side_of_the_question_mark_are_named() {
    assert_eq!(
        problem("pkcs11:token=T;module-path=/usr/lib/p11.so"),
        UriProblem::WrongPart {
            attribute: "module-path".into(),
            in_query: false
        }
    );
    assert_eq!(
        problem("pkcs11:token=T?object=k"),
        UriProblem::WrongPart {
            attribute: "object".into(),
            in_query: true
        }
    );
}

#[test]
fn module_and_pin_source_are_paths() {
    assert_eq!(
        problem("pkcs11:?module-name=softhsm2"),
        UriProblem::ModuleName
    );
    assert_eq!(
        problem("pkcs11:?module-path=libsofthsm2.so"),
        UriProblem::RelativeModulePath {
            path: "libsofthsm2.so".into()
        }
    );
    for (source, path) in [
        ("file:/etc/pin", "/etc/pin"),
        ("file:///etc/pin", "/etc/pin"),
        ("file:pin.txt", "pin.txt"),
        ("/etc/pin", "/etc/pin"),
    ] {
        let uri = Pkcs11Uri::parse(&format!("pkcs11:?pin-source={source}")).unwrap();
        assert_eq!(uri.pin_source, Some(path.into()), "{source}");
    }
    for bad in ["|/bin/echo", "env:PIN", "file:", "pin.txt", "file:-", "-"] {
        assert_eq!(
            problem(&format!("pkcs11:?pin-source={bad}")),
            UriProblem::BadPinSource { value: bad.into() }
        );
    }
}

#[test]
fn refuses_a_pin_in_the_uri_without_echoing_it() {
    for (text, shown) in [
        (
            "pkcs11:token=a?pin-value=123456&module-path=/x.so",
            "pkcs11:token=a?pin-value=…",
        ),
        ("pkcs11:pin-value=12;34;token=a", "pkcs11:pin-value=…"),
        (
            "pkcs11:token=a?PIN-Value=123456",
            "pkcs11:token=a?PIN-Value=…",
        ),
        (
            "pkcs11:token=a?pin%2Dvalue=123456",
            "pkcs11:token=a?pin%2Dvalue=…",
        ),
        // Refused before anything else is, so no other error quotes it.
        (
            "pkcs11:objet=x?pin-value=12 34",
            "pkcs11:objet=x?pin-value=…",
        ),
    ] {
        let err = Pkcs11Uri::parse(text).unwrap_err();
        assert!(
            matches!(&err, Error::Pkcs11(Pkcs11Error::PinInUri { uri }) if uri == shown),
            "{text}: {err:?}"
        );
        let message = err.to_string();
        assert!(
            !message.contains("123456") && !message.contains("34"),
            "{message}"
        );
    }
    assert_eq!(redact("pkcs11:token=a;object=b"), "pkcs11:token=a;object=b");
}

mod round_trip {
    use proptest::prelude::*;

    use super::*;

    /// Text of any characters, within a token field's size.
    fn field(max: usize) -> impl Strategy<Value = Option<String>> {
        proptest::option::of(any::<String>().prop_filter_map("fits the field", move |s| {
            (!s.is_empty() && s.len() <= max).then_some(s)
        }))
    }

    fn object_type() -> impl Strategy<Value = Option<ObjectType>> {
        proptest::option::of(proptest::sample::select(vec![
            ObjectType::Public,
            ObjectType::Private,
            ObjectType::Cert,
            ObjectType::SecretKey,
            ObjectType::Data,
        ]))
    }

    proptest! {
        /// Whatever a URI names, its canonical form names the same.
        #[test]
        fn canonical_form_parses_back(
            (token, manufacturer, model, serial) in (field(32), field(32), field(16), field(16)),
            object in field(200),
            id in proptest::option::of(proptest::collection::vec(any::<u8>(), 1..40)),
            object_type in object_type(),
            slot_id in proptest::option::of(any::<u64>()),
        ) {
            let uri = Pkcs11Uri {
                token,
                manufacturer,
                model,
                serial,
                slot_id,
                object,
                id,
                object_type,
                module_path: None,
                pin_source: None,
            };
            let text = uri.to_string();
            prop_assert_eq!(Pkcs11Uri::parse(&text).unwrap(), uri, "{}", text);
        }
    }
}

#[test]
fn messages_lose_every_pin_value() {
    for (message, shown) in [
        (
            "cannot read pkcs11:token=T;object=k;pin-value=SEKRET99: no such file or directory",
            "cannot read pkcs11:token=T;object=k;pin-value=…",
        ),
        (
            "\"pkcs11:token=T?PIN-VALUE=1234\" and more\nhint: pkcs11:a?pin%2Dvalue=5678 end\n",
            "\"pkcs11:token=T?PIN-VALUE=…\nhint: pkcs11:a?pin%2Dvalue=…\n",
        ),
        (
            "'pkcs11:token=a?%70in-valu%65=SEC RET99' found",
            "'pkcs11:token=a?%70in-valu%65=…",
        ),
        ("no pin here: pin=1234\n", "no pin here: pin=1234\n"),
        (
            "\"pkcs11:a?pin-value=…\": refusing a PIN",
            "\"pkcs11:a?pin-value=…\": refusing a PIN",
        ),
    ] {
        assert_eq!(super::redact_all(message), shown);
    }
}

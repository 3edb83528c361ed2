//! Lenient JSON field types for reading exports in one pass, straight from the bytes.
//!
//! Exports are written by many tools and versions: an id is a number here and a string there,
//! a field expected to be text is sometimes a list. These types take whatever JSON value they
//! are given without failing: [`Text`] keeps text (borrowed from the input when it has no
//! escapes), writes numbers and booleans out, and notes a list or object it had to skip;
//! [`List`] keeps the objects of an array; [`Obj`] is an object or nothing. A wrong type thus
//! becomes a warning on one field instead of the loss of an entry or a file.

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// A field read as text, whatever JSON value it held.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Text<'a> {
    /// The key was there (even with `null`).
    pub present: bool,
    pub value: Option<Cow<'a, str>>,
    /// What was found instead of text ("a list", "an object"), skipped.
    pub wrong: Option<&'static str>,
}

impl<'a> Text<'a> {
    /// The text, if any.
    pub fn get(&self) -> Option<&str> {
        self.value.as_deref()
    }

    /// The text, owned; none when empty or blank.
    pub fn owned(self) -> Option<String> {
        self.value
            .filter(|v| !v.trim().is_empty())
            .map(Cow::into_owned)
    }

    fn of(value: Option<Cow<'a, str>>) -> Self {
        Text {
            present: true,
            value,
            wrong: None,
        }
    }
}

struct TextVisitor<'a>(PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for TextVisitor<'a> {
    type Value = Text<'a>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Text::of(Some(Cow::Borrowed(v))))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Text::of(Some(Cow::Owned(v.to_owned()))))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Text::of(Some(Cow::Owned(v))))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Text::of(Some(Cow::Owned(v.to_string()))))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Text::of(Some(Cow::Owned(v.to_string()))))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Text::of(Some(Cow::Owned(v.to_string()))))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Text::of(Some(Cow::Borrowed(if v {
            "true"
        } else {
            "false"
        }))))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Text::of(None))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Text::of(None))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Text {
            wrong: Some("a list"),
            ..Text::of(None)
        })
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Text {
            wrong: Some("an object"),
            ..Text::of(None)
        })
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor(PhantomData))
    }
}

/// An object read as `T`, or nothing when the value is something else (skipped).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Obj<T>(pub Option<T>);

impl<T> Default for Obj<T> {
    fn default() -> Self {
        Obj(None)
    }
}

struct ObjVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjVisitor<T> {
    type Value = Obj<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(|t| Obj(Some(t)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Obj(None))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_borrowed_str<E: de::Error>(self, _: &'de str) -> Result<Self::Value, E> {
        Ok(Obj(None))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Obj(None))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Obj(None))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Obj(None))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Obj(None))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Obj(None))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Obj(None))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Obj(None))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Obj<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ObjVisitor(PhantomData))
    }
}

/// The objects of an array, each read as `T` (other elements skipped); empty when the value
/// is not an array.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct List<T> {
    /// The key was there (even with `null` or `[]`).
    pub present: bool,
    pub items: Vec<T>,
}

impl<T> Default for List<T> {
    fn default() -> Self {
        List {
            present: false,
            items: Vec::new(),
        }
    }
}

struct ListVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
    type Value = List<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(Obj(item)) = seq.next_element::<Obj<T>>()? {
            items.extend(item);
        }
        Ok(List {
            present: true,
            items,
        })
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(List {
            present: true,
            items: Vec::new(),
        })
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_borrowed_str<E: de::Error>(self, _: &'de str) -> Result<Self::Value, E> {
        Ok(List {
            present: true,
            items: Vec::new(),
        })
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        self.visit_unit()
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        self.visit_unit()
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        self.visit_unit()
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        self.visit_unit()
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        self.visit_unit()
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(List {
            present: true,
            items: Vec::new(),
        })
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.visit_unit()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ListVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Default)]
    struct Item<'a> {
        #[serde(default, borrow)]
        id: Text<'a>,
        #[serde(default, borrow)]
        name: Text<'a>,
        #[serde(default, borrow)]
        tags: List<Tag<'a>>,
    }

    #[derive(serde::Deserialize)]
    struct Tag<'a> {
        #[serde(default, borrow)]
        name: Text<'a>,
    }

    #[test]
    fn any_value_is_read_without_failing() {
        let json =
            r#"{"id": 42, "name": "a \"b\"", "tags": [{"name": "x"}, 3, "y", {"name": null}]}"#;
        let item: Item = serde_json::from_str(json).unwrap();
        assert_eq!(item.id.get(), Some("42"));
        assert!(
            matches!(item.name.value, Some(Cow::Owned(_))),
            "escaped: owned"
        );
        assert_eq!(item.name.get(), Some("a \"b\""));
        assert_eq!(item.tags.items.len(), 2);
        assert_eq!(item.tags.items[0].name.get(), Some("x"));
        assert!(item.tags.items[1].name.present && item.tags.items[1].name.value.is_none());

        let odd: Item =
            serde_json::from_str(r#"{"id": [1, 2], "name": {"en": "x"}, "tags": "none"}"#).unwrap();
        assert_eq!(odd.id.wrong, Some("a list"));
        assert_eq!(odd.name.wrong, Some("an object"));
        assert!(odd.tags.present && odd.tags.items.is_empty());

        let plain: Item = serde_json::from_str(r#"{"name": "plain"}"#).unwrap();
        assert!(matches!(plain.name.value, Some(Cow::Borrowed("plain"))));
        assert!(!plain.id.present && !plain.tags.present);
    }
}

//! Reading a JSON object into a generated struct: one `Deserialize` path per type, written once here. serde's
//! derive writes, for every struct, a field enum with its own visitor, a path for objects and a path for
//! arrays (which no JSON API sends for an object); a generated model instead states its fields once
//! ([`deserialize!`]) and reads them through the functions here: a field name is looked up in the type's
//! table, an unknown one is skipped, a repeated one is an error, and a missing one is `None` for an `Option`,
//! the default for a field declared so (`Nullable`'s `Absent`), else an error, as with serde's derive.

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// A struct read from an object, field by field ([`deserialize!`] writes the impl).
pub trait Object: Sized {
    /// The type's name, for error messages.
    const NAME: &'static str;
    /// The wire names of its fields.
    const FIELDS: &'static [&'static str];
    /// Reads the fields from the object's entries.
    fn read<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// `Deserialize` of an [`Object`]: an object, read by [`Object::read`]; anything else is an error.
pub fn deserialize<'de, T: Object, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_struct(T::NAME, T::FIELDS, ObjectVisitor(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Object> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::read(map)
    }
}

/// The next entry's field name, as it stands in `T::FIELDS`; entries of other names are skipped.
pub fn next_key<'de, T: Object, A: MapAccess<'de>>(
    map: &mut A,
) -> Result<Option<&'static str>, A::Error> {
    loop {
        match map.next_key_seed(Key(T::FIELDS))? {
            None => return Ok(None),
            Some(Some(name)) => return Ok(Some(name)),
            Some(None) => {
                map.next_value::<IgnoredAny>()?;
            }
        }
    }
}

/// Reads a field's value into its slot; a second value for the same field is an error.
pub fn value<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Skips an entry's value.
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(|_| ())
}

/// A field's value once the object is read: a missing field is `None` for an `Option`, else an error
/// ("missing field"), as serde's derive decides.
pub fn finish<'de, T: Deserialize<'de>, E: de::Error>(
    slot: Option<T>,
    name: &'static str,
) -> Result<T, E> {
    match slot {
        Some(value) => Ok(value),
        None => T::deserialize(Missing(name, PhantomData)),
    }
}

/// A field declared with a default (`Nullable`): a missing one is its default.
pub fn or_default<T: Default>(slot: Option<T>) -> T {
    slot.unwrap_or_default()
}

/// Looks an entry's name up in a type's field table (`None`: not a field of it).
struct Key(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Option<&'static str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for Key {
    type Value = Option<&'static str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().copied().find(|field| *field == name))
    }

    fn visit_bytes<E: de::Error>(self, name: &[u8]) -> Result<Self::Value, E> {
        Ok(self
            .0
            .iter()
            .copied()
            .find(|field| field.as_bytes() == name))
    }

    // Formats that name fields by their index, as serde's derive allows.
    fn visit_u64<E: de::Error>(self, index: u64) -> Result<Self::Value, E> {
        let index = usize::try_from(index).ok();
        Ok(index.and_then(|index| self.0.get(index).copied()))
    }
}

/// What a missing field is read from: `None` for an `Option`, an error ("missing field") for anything else.
struct Missing<E>(&'static str, PhantomData<E>);

impl<'de, E: de::Error> Deserializer<'de> for Missing<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, E> {
        Err(de::Error::missing_field(self.0))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// Implements `Deserialize` (through [`Object`]) for a struct from its fields: `field("wire")` for each
/// field a missing entry leaves `None` (an `Option`) or makes an error, then, after a `;`, `field("wire")`
/// for each field a missing entry leaves at its default. The first argument is the name the invoking module
/// knows this runtime by, as for [`crate::enums::string_enum!`]. Structs whose fields need `with` modules or
/// `flatten` keep serde's derive.
pub use crate::__deserialize_object as deserialize;

#[doc(hidden)]
#[macro_export]
macro_rules! __deserialize_object {
    ($rt:ident, $name:ident $(, $field:ident($wire:literal))* $(; $($dfield:ident($dwire:literal)),* $(,)?)?) => {
        impl $rt::object::Object for $name {
            const NAME: &'static str = ::std::stringify!($name);
            const FIELDS: &'static [&'static str] = &[$($wire,)* $($($dwire,)*)?];
            fn read<'de, A: ::serde::de::MapAccess<'de>>(
                mut map: A,
            ) -> ::std::result::Result<Self, A::Error> {
                $(let mut $field = ::std::option::Option::None;)*
                $($(let mut $dfield = ::std::option::Option::None;)*)?
                while let ::std::option::Option::Some(key) =
                    $rt::object::next_key::<Self, A>(&mut map)?
                {
                    match key {
                        $($wire => $rt::object::value(&mut map, &mut $field, $wire)?,)*
                        $($($dwire => $rt::object::value(&mut map, &mut $dfield, $dwire)?,)*)?
                        _ => $rt::object::skip(&mut map)?,
                    }
                }
                ::std::result::Result::Ok(Self {
                    $($field: $rt::object::finish($field, $wire)?,)*
                    $($($dfield: $rt::object::or_default($dfield),)*)?
                })
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $rt::object::deserialize(deserializer)
            }
        }
    };
}
